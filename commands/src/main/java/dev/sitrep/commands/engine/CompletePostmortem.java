package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

/** {@code postmortem done}: closes the loop; follow-up reminders stop. Resolved incidents only. */
final class CompletePostmortem implements CommandHandler<Command.CompletePostmortem> {

    private final HandlerSupport support;

    CompletePostmortem(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.CompletePostmortem command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.POSTMORTEM);
        Incident updated = support.modify(incident.id(), current -> {
            if (current.isOpen()) {
                throw new Rejected(current.id() + " is still open; resolve it first.", Verb.POSTMORTEM);
            }
            if (current.postmortemDone()) {
                throw new Rejected("The postmortem of " + current.id() + " is already marked done.", Verb.POSTMORTEM);
            }
            return current.withPostmortemDone(true);
        });
        support.ports().timers().cancel(updated.id());
        support.record(updated, invocation.caller(), TimelineEntry.Kind.POSTMORTEM, "Postmortem marked done");
        support.postInChannels(invocation, updated, new Messages.PostmortemCompleted(updated, invocation.caller()));
    }
}
