package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

/** {@code resolve}: commander only; stops the rhythm, tells everyone, and files the postmortem skeleton. */
final class ResolveIncident implements CommandHandler<Command.Resolve> {

    private final HandlerSupport support;
    private final FilePostmortem postmortem;

    ResolveIncident(HandlerSupport support, FilePostmortem postmortem) {
        this.support = support;
        this.postmortem = postmortem;
    }

    @Override
    public void handle(Command.Resolve command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.RESOLVE);
        Incident updated = support.modify(incident.id(), current -> {
            if (!current.isOpen()) {
                throw new Rejected(current.id() + " is already resolved.", Verb.RESOLVE);
            }
            support.requireCommander(current, invocation.caller(), "resolve", Verb.RESOLVE);
            return current.resolved(command.summary(), support.now());
        });
        // The update rhythm ends; the same timer now waits for the postmortem to be done.
        updated.nextFollowUpAt(support.settings().postmortemDueAfter()).ifPresentOrElse(
                at -> support.ports().timers().arm(updated.id(), at), () -> support.ports().timers().cancel(updated.id()));
        support.record(updated, invocation.caller(), TimelineEntry.Kind.RESOLVED,
                command.summary() == null ? "Resolved" : "Resolved: " + command.summary());
        Durations durations = Durations.from(support.ports().store().timeline(updated.id()));
        support.ports().observer().incidentResolved(updated.severity(), durations);
        support.postInChannels(invocation, updated, new Messages.Resolved(updated, durations, invocation.caller()));
        support.announce(updated, new Messages.ResolvedBroadcast(updated, durations));
        support.refreshTopic(updated);
        postmortem.file(updated, invocation);
        support.resolvedEverywhere(updated);
    }
}
