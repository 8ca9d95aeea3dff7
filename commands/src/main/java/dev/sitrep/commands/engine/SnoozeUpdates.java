package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

/** {@code snooze}: the next update is due later; missed-update counting starts over. */
final class SnoozeUpdates implements CommandHandler<Command.Snooze> {

    private final HandlerSupport support;

    SnoozeUpdates(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.Snooze command, Invocation invocation) {
        Incident incident = support.openIncidentOf(invocation, Verb.SNOOZE);
        Incident updated = support.modify(incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "snooze update reminders", Verb.SNOOZE);
            return current.snoozedUntil(support.now().plus(command.duration()));
        });
        support.record(updated, invocation.caller(), TimelineEntry.Kind.SNOOZE,
                "Next update due in " + DurationText.format(command.duration()));
        support.ports().timers().arm(updated.id(), updated.nextUpdateDue());
        support.postInChannels(invocation, updated, new Messages.Snoozed(updated, invocation.caller(), command.duration()));
    }
}
