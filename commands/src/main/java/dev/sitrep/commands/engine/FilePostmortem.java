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
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import java.time.Duration;
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
    /** Longer than a filing takes (each sink's calls with their retries); a replica that dies lets it go after it. */
    private static final Duration FILING_HOLD = Duration.ofMinutes(3);

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
        Incident incident = support.incidentOf(invocation, Verb.POSTMORTEM);
        if (!fileAlone(incident, invocation)) {
            throw new Rejected(busy(incident), Verb.POSTMORTEM);
        }
    }

    /** After a resolution: filed now, or the resolver is told why not (the resolution itself stands). */
    void file(Incident incident, Invocation invocation) {
        if (!fileAlone(incident, invocation)) {
            support.reply(invocation, new Messages.CommandAccepted(incident.id() + " is resolved. " + busy(incident),
                    incident));
        }
    }

    /**
     * One filing per incident at a time, on every replica: a resolve and a {@code /incident postmortem}
     * at once would each create every document. False when another filing holds the incident.
     */
    private boolean fileAlone(Incident incident, Invocation invocation) {
        String key = "postmortem:" + incident.id().number();
        if (!support.ports().idempotencyKeys().begin(key, FILING_HOLD)) {
            return false;
        }
        try {
            // Read again under the key: a filing that just finished elsewhere has stored its documents.
            fileEverywhere(support.ports().store().find(incident.id()).orElse(incident), invocation);
        } finally {
            support.ports().idempotencyKeys().abandon(key);
        }
        return true;
    }

    private static String busy(Incident incident) {
        return incident.id() + "'s postmortem is being filed by another command right now; run /incident postmortem"
                + " once that one is posted, to file the incident as it is now.";
    }

    private void fileEverywhere(Incident incident, Invocation invocation) {
        List<FiledDocument> filed = new ArrayList<>();
        Incident current = incident;
        for (PostmortemSink sink : sinks) {
            FiledDocument previous = current.documents().get(sink.name());
            Filing filing = new Filing(current, sink);
            FiledDocument document;
            try {
                document = sink.file(postmortemOf(current), previous, filing);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Postmortem sink " + sink.name() + " failed for " + incident.id()
                        + ": " + e.getMessage());
                // The timeline goes into the filed documents: the reason (paths, calls) stays in the chat.
                current = support.apply(filing.current.id(), i -> Change.of(i, i)
                        .record(support.entry(invocation.caller(), TimelineEntry.Kind.POSTMORTEM,
                                "Filing the postmortem to " + sink.name() + " failed"))
                        .effects(Effects.post(i, new Messages.PostmortemFilingFailed(i, sink.name(),
                                String.valueOf(e.getMessage()))))).after();
                continue;
            }
            boolean updated = previous != null && previous.exists();
            String link = document.publicUrl();
            current = support.apply(filing.current.id(), i -> Change.of(i, i.withDocument(document))
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.POSTMORTEM, "Postmortem "
                            + (updated ? "updated" : "filed") + " in " + sink.name() + (link == null ? "" : ": " + link))))
                    .after();
            filed.add(document);
        }
        if (!filed.isEmpty()) {
            Postmortem postmortem = postmortemOf(current);
            support.apply(current.id(), i -> Change.of(i, i).effects(Effects.post(i,
                    new Messages.PostmortemFiled(postmortem, filed))));
        }
    }

    /** Read again for each sink, so it holds what the sinks before it filed. */
    private Postmortem postmortemOf(Incident incident) {
        List<TimelineEntry> timeline = support.ports().store().timeline(incident.id());
        return new Postmortem(incident, timeline, Durations.of(incident), support.now());
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
            current = support.apply(current.id(), i -> Change.of(i, i.withDocument(soFar))).after();
        }

        @Override
        public void actionItemDone(int number) {
            current = support.apply(current.id(), i -> {
                boolean open = i.actionItem(number).filter(item -> !item.done()).isPresent();
                Change change = Change.of(i, i.withActionItemDone(number));
                return open ? change.record(support.entry(Member.SITREP, TimelineEntry.Kind.ACTION, "#" + number
                        + " done (closed in " + sink.name() + ")")) : change;
            }).after();
        }
    }
}
