package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.TimerChange;

/** {@code snooze}: the next update is due later; missed-update counting starts over. */
final class SnoozeUpdates implements CommandHandler<Command.Snooze> {

    private final HandlerSupport support;

    SnoozeUpdates(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.Snooze command, Invocation invocation) {
        Incident incident = support.openIncidentOf(invocation, Verb.SNOOZE);
        support.apply(invocation, incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "snooze update reminders", Verb.SNOOZE);
            Incident after = current.snoozedUntil(support.now().plus(command.duration()));
            return Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.SNOOZE,
                            "Next update due in " + DurationText.format(command.duration())))
                    .timer(TimerChange.arm(after.nextUpdateDue()))
                    .effects(Effects.post(after, new Messages.Snoozed(after, invocation.caller(), command.duration())));
        });
    }
}
