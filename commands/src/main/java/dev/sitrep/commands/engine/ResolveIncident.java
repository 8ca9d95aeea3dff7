package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.TimerChange;

/** {@code resolve}: commander only; stops the rhythm, tells everyone, and files the postmortem skeleton. */
final class ResolveIncident implements CommandHandler<Command.Resolve> {

    private final HandlerSupport support;
    private final FilePostmortem postmortem;

    ResolveIncident(HandlerSupport support, FilePostmortem postmortem) {
        this.support = support;
        this.postmortem = postmortem;
    }

    /**
     * The Resolve button: after the same checks as resolving, asks for the summary in a form where the
     * caller's answer can open one; false (nothing done) when it cannot, and the caller resolves without.
     */
    boolean askSummary(Invocation invocation) {
        Incident incident = mayResolve(invocation);
        return invocation.answer() != null && invocation.answer().openResolveForm(incident);
    }

    /** The incident of the channel, when the caller may resolve it now; else {@link Rejected} says why. */
    Incident mayResolve(Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.RESOLVE);
        if (!incident.isOpen()) {
            throw new Rejected(incident.id() + " is already resolved.", Verb.RESOLVE);
        }
        support.requireCommander(incident, invocation.caller(), "resolve", Verb.RESOLVE);
        return incident;
    }

    @Override
    public void handle(Command.Resolve command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.RESOLVE);
        Change resolved = support.apply(invocation, incident.id(), current -> {
            if (!current.isOpen()) {
                throw new Rejected(current.id() + " is already resolved.", Verb.RESOLVE);
            }
            support.requireCommander(current, invocation.caller(), "resolve", Verb.RESOLVE);
            Incident after = current.resolved(command.summary(), support.now());
            Durations durations = Durations.of(after);
            // The update rhythm ends; the same timer now waits for the postmortem to be done.
            return Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.RESOLVED,
                            command.summary() == null ? "Resolved" : "Resolved: " + command.summary()))
                    .timer(TimerChange.armOrCancel(after.nextFollowUpAt(support.settings().postmortemDueAfter())
                            .orElse(null)))
                    .effects(Effects.post(after, new Messages.Resolved(after, durations, invocation.caller())))
                    .effects(Effects.announce(after, new Messages.ResolvedBroadcast(after, durations)))
                    .effects(Effects.topic(after))
                    .effects(Pages.resolveAll(after));
        });
        support.ports().observer().incidentResolved(resolved.after().severity(), Durations.of(resolved.after()));
        postmortem.file(resolved.after(), invocation);
        // Last, once the postmortem is in the channel: a platform may archive it (Discord moves it to
        // the archive category, where sitrep may no longer post). A replica that dies before this
        // commit leaves the channel open; the resolution itself is recorded.
        support.apply(invocation, incident.id(), i -> Change.of(i, i).effects(Effects.resolved(i)));
    }
}
