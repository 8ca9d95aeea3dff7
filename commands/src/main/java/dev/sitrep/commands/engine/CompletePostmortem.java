package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.TimerChange;

/** {@code postmortem done}: closes the loop; follow-up reminders stop. Resolved incidents only. */
final class CompletePostmortem implements CommandHandler<Command.CompletePostmortem> {

    private final HandlerSupport support;

    CompletePostmortem(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.CompletePostmortem command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.POSTMORTEM);
        support.apply(invocation, incident.id(), current -> {
            if (current.isOpen()) {
                throw new Rejected(current.id() + " is still open; resolve it first.", Verb.POSTMORTEM);
            }
            if (current.postmortemDone()) {
                throw new Rejected("The postmortem of " + current.id() + " is already marked done.", Verb.POSTMORTEM);
            }
            Incident after = current.withPostmortemDone(true);
            return Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.POSTMORTEM, "Postmortem marked done"))
                    .timer(TimerChange.CANCEL)
                    .effects(Effects.post(after, new Messages.PostmortemCompleted(after, invocation.caller())));
        });
    }
}
