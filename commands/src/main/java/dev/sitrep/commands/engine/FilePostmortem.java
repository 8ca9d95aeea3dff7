package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;

/** {@code postmortem}: renders the skeleton from the timeline and files it; filing again refreshes it. */
final class FilePostmortem implements CommandHandler<Command.FilePostmortem> {

    private static final System.Logger LOG = System.getLogger(FilePostmortem.class.getName());

    private final HandlerSupport support;

    FilePostmortem(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.FilePostmortem command, Invocation invocation) {
        file(support.incidentOf(invocation, Verb.POSTMORTEM), invocation);
    }

    void file(Incident incident, Invocation invocation) {
        Postmortem postmortem = new Postmortem(incident, support.ports().store().timeline(incident.id()),
                Durations.from(support.ports().store().timeline(incident.id())), support.now());
        String location;
        try {
            location = support.ports().postmortems().file(postmortem);
        } catch (RuntimeException e) {
            // The resolution stands; the caller learns what failed and how to retry.
            LOG.log(System.Logger.Level.WARNING, "Filing the postmortem of " + incident.id() + " failed: " + e);
            support.reply(invocation, new Messages.CommandRejected("Filing the postmortem of " + incident.id()
                    + " failed (" + e.getMessage() + "). Run /incident postmortem to try again.", Verb.POSTMORTEM, null));
            return;
        }
        support.record(incident, invocation.caller(), TimelineEntry.Kind.POSTMORTEM,
                "Postmortem skeleton filed: " + location);
        support.postInChannels(incident, new Messages.PostmortemFiled(postmortem, location));
    }
}
