package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

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
        Status[] from = new Status[1];
        Incident updated = support.modify(incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "change the status", Verb.STATUS);
            if (!current.status().canMoveTo(command.status())) {
                throw new Rejected(current.id() + " is " + current.status().word()
                        + "; status only moves forward (investigating → identified → monitoring → resolved).",
                        Verb.STATUS);
            }
            from[0] = current.status();
            return current.movedTo(command.status(), support.settings().cadence(current.severity()), support.now(),
                    invocation.caller().isPerson());
        });
        support.record(updated, TimelineEntry.statusChange(support.now(), invocation.caller(), from[0],
                updated.status()));
        support.postInChannels(invocation, updated, new Messages.StatusChanged(updated, from[0], invocation.caller()));
        support.refreshTopic(updated);
    }

    private void reopen(Incident incident, Status status, Invocation invocation) {
        Incident updated = support.modify(incident.id(), current -> {
            if (current.isOpen()) {
                throw new Rejected(current.id() + " was reopened by someone else just now.", Verb.STATUS);
            }
            support.requireCommander(current, invocation.caller(), "reopen", Verb.STATUS);
            return current.movedTo(status, support.settings().cadence(current.severity()), support.now(), true);
        });
        support.record(updated, invocation.caller(), TimelineEntry.Kind.REOPENED, "Reopened as " + status.word());
        support.ports().timers().arm(updated.id(), updated.nextUpdateDue());
        Messages.Reopened message = new Messages.Reopened(updated, invocation.caller());
        support.postInChannels(invocation, updated, message);
        support.announce(updated, message);
        support.refreshTopic(updated);
        updated.commander().ifPresent(commander -> support.commanderChanged(updated, null, commander));
    }
}
