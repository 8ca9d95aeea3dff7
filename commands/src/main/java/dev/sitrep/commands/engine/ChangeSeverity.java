package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.TimerChange;

/** {@code severity}: a new severity brings its own cadence, so the next update is re-armed from now. */
final class ChangeSeverity implements CommandHandler<Command.ChangeSeverity> {

    private final HandlerSupport support;

    ChangeSeverity(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.ChangeSeverity command, Invocation invocation) {
        Incident incident = support.openIncidentOf(invocation, Verb.SEVERITY);
        support.apply(invocation, incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "change the severity", Verb.SEVERITY);
            if (current.severity() == command.severity()) {
                throw new Rejected(current.id() + " is already " + current.severity().label() + ".", Verb.SEVERITY);
            }
            Incident after = current.withSeverity(command.severity(), support.settings().cadence(command.severity()),
                    support.now());
            Change change = Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.SEVERITY,
                            current.severity().label() + " → " + after.severity().label()))
                    .timer(TimerChange.arm(after.nextUpdateDue()))
                    .effects(Effects.post(after, new Messages.SeverityChanged(after, current.severity(),
                            invocation.caller())))
                    .effects(Effects.topic(after));
            // Raised to the service's threshold: paged as if declared so (once per incident).
            var service = ServiceEffects.serviceOf(after, support.ports().services())
                    .filter(s -> s.paging().pagesAt(after.severity()) && !ServiceEffects.paged(after, s));
            return service.isPresent() ? ServiceEffects.page(change, service.get(), "raised to "
                    + after.severity().label(), support.now()) : change;
        });
    }
}
