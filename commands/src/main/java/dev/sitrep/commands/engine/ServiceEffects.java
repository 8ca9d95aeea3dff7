package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.PageLog;
import dev.sitrep.commands.incident.ServiceOf;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.commands.service.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What an incident's service adds to a decision: its owners invited, its on-call paged. */
final class ServiceEffects {

    private ServiceEffects() {
    }

    static ServiceOf of(Service service) {
        Map<String, String> groups = new TreeMap<>();
        service.owners().forEach((platform, owners) -> {
            if (owners.group() != null) {
                groups.put(platform, owners.group());
            }
        });
        return new ServiceOf(service.name(), service.displayName(),
                service.runbook() == null ? null : service.runbook().toString(), groups, service.broadcastChannel());
    }

    /** The configured service of an incident; empty without one, or when a redeploy dropped it. */
    static Optional<Service> serviceOf(Incident incident, ServiceCatalog services) {
        return incident.service() == null ? Optional.empty() : services.find(incident.service().name());
    }

    /** The service's owners on the channel's platform, each invited into it: members by id, and the group. */
    static List<Effect> inviteOwners(Incident incident, ServiceCatalog services, String platform) {
        ChannelRef channel = incident.channels().get(platform);
        if (channel == null) {
            return List.of();
        }
        return serviceOf(incident, services).map(s -> {
            Service.Owners owners = s.ownersOn(platform);
            List<Effect> invites = new ArrayList<>();
            owners.members().forEach(id -> invites.add(new Effect.Invite(null, channel, new Member(platform, id, id))));
            if (owners.group() != null) {
                invites.add(new Effect.InviteGroup(null, channel, owners.group()));
            }
            return invites;
        }).orElse(List.of());
    }

    /**
     * The change with a page of {@code service}: the incident shows it as asked, the timeline says
     * why, and the outbox carries it out once committed.
     */
    static Change page(Change change, Service service, String why, Instant now) {
        Effect.Page page = Pages.page(change.after(), service, why);
        Incident after = Pages.asked(change.after(), page, now);
        return new Change(change.before(), after, change.entries(), change.timer(), change.effects())
                .record(new TimelineEntry(now, Member.SITREP, TimelineEntry.Kind.PAGED, "Paging " + service.name()
                        + " on-call: " + why))
                .effects(List.of(page));
    }

    /** Whether the incident has already paged this service (a later trigger would only add to the same alert). */
    static boolean paged(Incident incident, Service service) {
        return incident.page(service.name()).map(p -> p.state() == PageLog.State.PAGED || p.state() == PageLog.State.ASKED)
                .orElse(false);
    }
}
