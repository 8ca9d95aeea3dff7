package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code postmortem}: renders the skeleton from the timeline and files it to every configured sink.
 * Filing again updates each sink's document. A sink that fails never stops the others (or the
 * resolution that triggered it); the commander is told which sink failed and why. What a sink
 * creates is stored as soon as it exists, so filing again after a failure resumes instead of
 * creating it twice.
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
        // Sinks that file the action items go first, so every other document already links to them.
        sinks.sort(Comparator.comparing(sink -> !sink.filesActionItems()));
    }

    @Override
    public void handle(Command.FilePostmortem command, Invocation invocation) {
        file(support.incidentOf(invocation, Verb.POSTMORTEM), invocation);
    }

    void file(Incident incident, Invocation invocation) {
        List<FiledDocument> filed = new ArrayList<>();
        Incident current = incident;
        for (PostmortemSink sink : sinks) {
            FiledDocument previous = current.documents().get(sink.name());
            Filing filing = new Filing(current, sink);
            FiledDocument document;
            try {
                document = sink.file(postmortemOf(current), previous, filing);
            } catch (RuntimeException e) {
                current = filing.current;
                LOG.log(System.Logger.Level.WARNING, "Postmortem sink " + sink.name() + " failed for " + incident.id()
                        + ": " + e.getMessage());
                // The timeline goes into the filed documents: the reason (paths, calls) stays in the chat.
                support.record(current, invocation.caller(), TimelineEntry.Kind.POSTMORTEM,
                        "Filing the postmortem to " + sink.name() + " failed");
                support.postInChannels(invocation, current, new Messages.PostmortemFilingFailed(current, sink.name(),
                        String.valueOf(e.getMessage())));
                continue;
            }
            boolean updated = previous != null && previous.exists();
            current = support.modify(filing.current.id(), i -> i.withDocument(document));
            String link = document.publicUrl();
            support.record(current, invocation.caller(), TimelineEntry.Kind.POSTMORTEM, "Postmortem "
                    + (updated ? "updated" : "filed") + " in " + sink.name() + (link == null ? "" : ": " + link));
            filed.add(document);
        }
        if (!filed.isEmpty()) {
            support.postInChannels(invocation, current, new Messages.PostmortemFiled(postmortemOf(current), filed));
        }
    }

    /** Read again for each sink, so it holds what the sinks before it filed. */
    private Postmortem postmortemOf(Incident incident) {
        List<TimelineEntry> timeline = support.ports().store().timeline(incident.id());
        return new Postmortem(incident, timeline, Durations.from(timeline), support.now());
    }

    /** Stores what one sink reports while it files. */
    private final class Filing implements FilingProgress {

        private Incident current;
        private final PostmortemSink sink;

        Filing(Incident current, PostmortemSink sink) {
            this.current = current;
            this.sink = sink;
        }

        @Override
        public void filed(FiledDocument soFar) {
            current = support.modify(current.id(), i -> i.withDocument(soFar));
        }

        @Override
        public void actionItemDone(int number) {
            boolean[] open = new boolean[1];
            current = support.modify(current.id(), i -> {
                open[0] = i.actionItem(number).filter(item -> !item.done()).isPresent();
                return i.withActionItemDone(number);
            });
            if (open[0]) {
                support.record(current, Member.SITREP, TimelineEntry.Kind.ACTION, "#" + number + " done (closed in "
                        + sink.name() + ")");
            }
        }
    }
}
