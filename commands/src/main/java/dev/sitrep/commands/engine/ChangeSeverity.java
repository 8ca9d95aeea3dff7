package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

/** {@code severity}: a new severity brings its own cadence, so the next update is re-armed from now. */
final class ChangeSeverity implements CommandHandler<Command.ChangeSeverity> {

    private final HandlerSupport support;

    ChangeSeverity(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.ChangeSeverity command, Invocation invocation) {
        Incident incident = support.openIncidentOf(invocation, Verb.SEVERITY);
        Severity[] from = new Severity[1];
        Incident updated = support.modify(incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "change the severity", Verb.SEVERITY);
            if (current.severity() == command.severity()) {
                throw new Rejected(current.id() + " is already " + current.severity().label() + ".", Verb.SEVERITY);
            }
            from[0] = current.severity();
            return current.withSeverity(command.severity(), support.settings().cadence(command.severity()),
                    support.now());
        });
        support.record(updated, invocation.caller(), TimelineEntry.Kind.SEVERITY,
                from[0].label() + " → " + updated.severity().label());
        support.ports().timers().arm(updated.id(), updated.nextUpdateDue());
        support.postInChannels(invocation, updated, new Messages.SeverityChanged(updated, from[0], invocation.caller()));
        support.refreshTopic(updated);
    }
}
