package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.service.Service;
import dev.sitrep.commands.incident.TimelineEntry;

/**
 * {@code service <name>}: the incident is about a configured service. Its checklist becomes the
 * tasks, the kick-off is posted again with the runbook and checklist, the owners are invited, and
 * its on-call is paged when the incident's severity is at the service's threshold.
 */
final class AssignService implements CommandHandler<Command.SetService> {

    private final HandlerSupport support;

    AssignService(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.SetService command, Invocation invocation) {
        Service service = support.service(command.service(), Verb.SERVICE);
        Incident incident = support.openIncidentOf(invocation, Verb.SERVICE);
        Change done = support.apply(invocation, incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "set the service", Verb.SERVICE);
            if (current.service() != null && current.service().name().equals(service.name())) {
                throw new Rejected(current.id() + " is already about " + service.name() + ".", Verb.SERVICE);
            }
            Incident after = current.withService(ServiceEffects.of(service), service.checklist());
            Change change = Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.SERVICE, "Service: "
                            + service.displayName() + " (" + service.name() + ")"
                            + (after.tasks().isEmpty() ? "" : ", checklist of " + after.tasks().size() + " steps")))
                    .effects(Effects.post(after, new Messages.Kickoff(after)))
                    .effects(Effects.topic(after));
            for (String platform : after.channels().keySet()) {
                change = change.effects(ServiceEffects.inviteOwners(after, support.ports().services(), platform));
            }
            if (service.paging().pagesAt(after.severity()) && !ServiceEffects.paged(after, service)) {
                change = ServiceEffects.page(change, service, "service set at " + after.severity().label(), support.now());
            }
            return change;
        });
        Incident after = support.ports().store().find(incident.id()).orElse(done.after());
        support.reply(invocation, new Messages.CommandAccepted(after.id() + " is about " + service.displayName() + "."
                + after.page(service.name()).map(p -> " " + p.describe() + ".").orElse(""), after));
    }
}
