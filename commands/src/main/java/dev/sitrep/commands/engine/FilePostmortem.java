package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.PostmortemSink;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code postmortem}: renders the skeleton from the timeline and files it to every configured sink.
 * Filing again updates each sink's document. A sink that fails never stops the others (or the
 * resolution that triggered it); the commander is told which sink failed and why.
 */
final class FilePostmortem implements CommandHandler<Command.FilePostmortem> {

    private static final System.Logger LOG = System.getLogger(FilePostmortem.class.getName());

    private final HandlerSupport support;
    private final List<PostmortemSink> sinks = new ArrayList<>();

    FilePostmortem(HandlerSupport support) {
        this.support = support;
        if (support.settings().postmortemInChannel()) {
            sinks.add(new ChannelPostmortemSink(support));
        }
        sinks.addAll(support.ports().postmortems());
    }

    @Override
    public void handle(Command.FilePostmortem command, Invocation invocation) {
        file(support.incidentOf(invocation, Verb.POSTMORTEM), invocation);
    }

    void file(Incident incident, Invocation invocation) {
        List<TimelineEntry> timeline = support.ports().store().timeline(incident.id());
        Postmortem postmortem = new Postmortem(incident, timeline, Durations.from(timeline), support.now());
        List<FiledDocument> filed = new ArrayList<>();
        Incident current = incident;
        for (PostmortemSink sink : sinks) {
            FiledDocument document;
            try {
                document = sink.file(postmortem, current.documents().get(sink.name()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Postmortem sink " + sink.name() + " failed for " + incident.id()
                        + ": " + e.getMessage());
                support.record(current, invocation.caller(), TimelineEntry.Kind.POSTMORTEM,
                        "Filing the postmortem to " + sink.name() + " failed: " + e.getMessage());
                support.postInChannels(current, new Messages.PostmortemFilingFailed(current, sink.name(),
                        String.valueOf(e.getMessage())));
                continue;
            }
            boolean updated = current.documents().containsKey(sink.name());
            current = support.modify(current.id(), i -> i.withDocument(document));
            support.record(current, invocation.caller(), TimelineEntry.Kind.POSTMORTEM,
                    "Postmortem " + (updated ? "updated" : "filed") + " in " + sink.name() + ": " + document.url());
            filed.add(document);
        }
        if (!filed.isEmpty()) {
            support.postInChannels(current, new Messages.PostmortemFiled(postmortem, filed));
        }
    }
}
