package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.TimerChange;

/** {@code status}: forward only; on a resolved incident it reopens (commander only); to resolved it resolves. */
final class ChangeStatus implements CommandHandler<Command.ChangeStatus> {

    private final HandlerSupport support;
    private final ResolveIncident resolve;

    ChangeStatus(HandlerSupport support, ResolveIncident resolve) {
        this.support = support;
        this.resolve = resolve;
    }

    @Override
    public void handle(Command.ChangeStatus command, Invocation invocation) {
        if (command.status() == Status.RESOLVED) {
            resolve.handle(new Command.Resolve(null), invocation);
            return;
        }
        Incident incident = support.incidentOf(invocation, Verb.STATUS);
        if (!incident.isOpen()) {
            reopen(incident, command.status(), invocation);
            return;
        }
        support.apply(invocation, incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "change the status", Verb.STATUS);
            if (!current.status().canMoveTo(command.status())) {
                throw new Rejected(current.id() + " is " + current.status().word()
                        + "; status only moves forward (investigating → identified → monitoring → resolved).",
                        Verb.STATUS);
            }
            Incident after = current.movedTo(command.status(), support.settings().cadence(current.severity()),
                    support.now(), invocation.caller().isPerson());
            return Change.of(current, after)
                    .record(TimelineEntry.statusChange(support.now(), invocation.caller(), current.status(),
                            after.status()))
                    .effects(Effects.post(after, new Messages.StatusChanged(after, current.status(),
                            invocation.caller())))
                    .effects(Effects.topic(after));
        });
    }

    private void reopen(Incident incident, Status status, Invocation invocation) {
        support.apply(invocation, incident.id(), current -> {
            if (current.isOpen()) {
                throw new Rejected(current.id() + " was reopened by someone else just now.", Verb.STATUS);
            }
            support.requireCommander(current, invocation.caller(), "reopen", Verb.STATUS);
            Incident after = current.movedTo(status, support.settings().cadence(current.severity()), support.now(),
                    true);
            Messages.Reopened message = new Messages.Reopened(after, invocation.caller());
            Change change = Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.REOPENED, "Reopened as "
                            + status.word()))
                    .timer(TimerChange.arm(after.nextUpdateDue()))
                    .effects(Effects.post(after, message))
                    .effects(Effects.announce(after, message))
                    .effects(Effects.topic(after));
            return after.commander().map(c -> change.effects(Effects.commanderChanged(after, null, c))).orElse(change);
        });
    }
}
