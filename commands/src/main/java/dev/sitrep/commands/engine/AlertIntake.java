package dev.sitrep.commands.engine;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.alert.AlertRule;
import dev.sitrep.commands.alert.AlertRules;
import dev.sitrep.commands.incident.Alert;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.AlertMessages;
import dev.sitrep.commands.port.AlertGroups;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.TimerChange;
import dev.sitrep.commands.service.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Takes one notification about an alert group (Alertmanager's webhook, Grafana's) through the
 * routing rules. A group is tied to at most one incident ({@link AlertGroups}, shared by replicas):
 * its first notification declares or attaches, later ones add the alerts that began firing or
 * resolved to that incident's timeline, once each, however often and by however many senders the
 * group is repeated. All alerts resolved asks the commander to resolve; this never resolves.
 */
public final class AlertIntake {

    private static final System.Logger LOG = System.getLogger(AlertIntake.class.getName());

    private final HandlerSupport support;
    private final DeclareIncident declare;
    private final AlertRules rules;
    private final AlertGroups groups;

    AlertIntake(HandlerSupport support, DeclareIncident declare, AlertRules rules, AlertGroups groups) {
        this.support = support;
        this.declare = declare;
        this.rules = rules;
        this.groups = groups;
    }

    /** What became of a notification, for the sender's answer and the log. */
    public record Outcome(Kind kind, @Nullable IncidentId incident, @Nullable String rule) {

        /** Declared: a new incident; UPDATED: the group's incident (or the service's, attached) took it. */
        public enum Kind { DECLARED, UPDATED, TRIAGED, IGNORED, UNROUTED }

        public String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + (incident == null ? "" : " " + incident)
                    + (rule == null ? "" : " (rule " + rule + ")");
        }
    }

    public Outcome receive(AlertGroup group) {
        try {
            return route(group);
        } finally {
            // The end of the work on an incident, as after a command: the dashboard's live notice.
            support.ports().observer().incidentDone();
        }
    }

    private Outcome route(AlertGroup group) {
        Optional<IncidentId> tied = groups.find(group.key(), rules.window());
        if (tied.isPresent() && support.ports().store().find(tied.get()).isPresent()) {
            update(tied.get(), group);
            return new Outcome(Outcome.Kind.UPDATED, tied.get(), null);
        }
        for (AlertRule rule : rules.matching(group)) {
            switch (rule.action()) {
                case IGNORE -> {
                    return new Outcome(Outcome.Kind.IGNORED, null, rule.name());
                }
                case TRIAGE -> {
                    triage(group, rule);
                    return new Outcome(Outcome.Kind.TRIAGED, null, rule.name());
                }
                case ATTACH -> {
                    Optional<Incident> serviceIncident = openIncidentOf(rule.service());
                    if (serviceIncident.isPresent()) {
                        IncidentId id = groups.claim(group.key(), rules.window(), serviceIncident.get().id()).incident();
                        update(id, group.forService(rule.service()));
                        return new Outcome(Outcome.Kind.UPDATED, id, rule.name());
                    }
                }
                case DECLARE -> {
                    if (!group.anyFiring()) {
                        // A group seen first when already resolved (sitrep was down while it fired) opens nothing.
                        return new Outcome(Outcome.Kind.IGNORED, null, rule.name());
                    }
                    IncidentId id = groups.claim(group.key(), rules.window(), null).incident();
                    boolean declared = declareOrUpdate(id, group.forService(rule.service()), rule);
                    return new Outcome(declared ? Outcome.Kind.DECLARED : Outcome.Kind.UPDATED, id, rule.name());
                }
                default -> throw new IllegalStateException("no action " + rule.action());
            }
        }
        return new Outcome(Outcome.Kind.UNROUTED, null, null);
    }

    /**
     * Declares incident {@code id} with the group's alerts, unless another replica got there first (the
     * store refuses a second create of the same id): then the alerts go to its timeline like a repeat.
     */
    private boolean declareOrUpdate(IncidentId id, AlertGroup group, AlertRule rule) {
        ChatPlatform platform = rule.platform() == null ? support.ports().platforms().get(0)
                : support.platform(rule.platform());
        Optional<Incident> existing = support.ports().store().find(id);
        if (existing.isPresent()) {
            update(id, group);
            return false;
        }
        Instant now = support.now();
        Severity severity = rule.severityOf(group);
        Duration cadence = support.settings().cadence(severity);
        Member source = sourceOf(group);
        Incident incident = Incident.declare(id, group.title(), severity, false, Member.SITREP, now, cadence)
                .withAlerts(group.alerts());
        Optional<Service> service = rule.service() == null ? Optional.empty()
                : support.ports().services().find(rule.service());
        Change change = Change.of(null, incident)
                .record(new TimelineEntry(now, source, TimelineEntry.Kind.DECLARED, "Declared " + severity.label()
                        + " from " + group.source() + " (rule " + rule.name() + "): " + group.title()
                        + (rule.service() == null ? "" : " · service "
                        + service.map(Service::displayName).orElse(rule.service()))))
                .timer(TimerChange.arm(incident.nextUpdateDue()));
        for (Alert alert : group.alerts()) {
            change = change.record(alertEntry(now, source, alert));
        }
        if (service.isPresent()) {
            // Like /incident start … service:<name>: runbook, checklist, owners invited, on-call paged.
            change = DeclareIncident.ofService(change, service.get(), now);
        }
        if (support.commit(change).isEmpty()) {
            update(id, group);
            return false;
        }
        support.ports().observer().workingOn(id);
        declare.setUpUnattended(id, platform);
        return true;
    }

    /** Adds what changed in the group (alerts that began firing or resolved) to the incident, once. */
    private void update(IncidentId id, AlertGroup group) {
        support.ports().observer().workingOn(id);
        Member source = sourceOf(group);
        Incident after = support.apply(id, current -> {
            List<Alert> alerts = new ArrayList<>(current.alerts());
            List<Alert> firing = new ArrayList<>();
            List<Alert> resolved = new ArrayList<>();
            for (Alert alert : group.alerts()) {
                int at = indexOf(alerts, alert);
                Alert known = at < 0 ? null : alerts.get(at);
                if (known == null) {
                    alerts.add(alert);
                    (alert.firing() ? firing : resolved).add(alert);
                } else if (known.firing() != alert.firing()) {
                    // Keep the service the alert came in with; a later notification may route by another rule.
                    alerts.set(at, alert.inGroup(alert.group(), known.service()));
                    (alert.firing() ? firing : resolved).add(alert);
                }
            }
            if (firing.isEmpty() && resolved.isEmpty()) {
                return Change.of(current, current);
            }
            Incident changed = current.withAlerts(alerts);
            Instant now = support.now();
            Change change = Change.of(current, changed);
            for (Alert alert : firing) {
                change = change.record(alertEntry(now, source, alert));
            }
            for (Alert alert : resolved) {
                change = change.record(alertEntry(now, source, alert));
            }
            boolean allResolved = changed.allAlertsResolved() && !current.allAlertsResolved();
            if (allResolved) {
                change = change.record(new TimelineEntry(now, source, TimelineEntry.Kind.ALERT,
                        "All alerts of " + current.id() + " resolved; the commander decides whether to resolve it"));
            }
            return change.effects(Effects.post(changed,
                    new AlertMessages.AlertsChanged(changed, group.source(), firing, resolved, allResolved)));
        }).after();
        ChatPlatform platform = after.channels().keySet().stream().findFirst().map(support::platform)
                .orElse(support.ports().platforms().get(0));
        if (after.isOpen() && after.setupUnfinished(platform.name())) {
            // The replica that declared it died mid-setup, or a platform refused a step: try again now.
            declare.setUpUnattended(id, platform);
        }
    }

    private void triage(AlertGroup group, AlertRule rule) {
        Severity severity = rule.severityOf(group);
        String command = "/incident start " + group.title() + " " + severity.word();
        String key = "alert-triage:" + group.key();
        var channel = rule.triageChannel();
        ChatPlatform platform = support.platform(channel.platform());
        ExactlyOnce.Done<Object> done = support.once().run(key, () -> platform.alreadyPosted(channel, key), () -> {
            platform.post(channel, new AlertMessages.AlertTriage(group, group.title(), severity, command), key);
            return null;
        });
        LOG.log(System.Logger.Level.DEBUG, "Alert group " + group.key() + " triage: " + done.outcome());
    }

    /**
     * The open incident about {@code service}: declared or set to it ({@link Incident#service()}), by a
     * person or an alert; one without a service whose alerts came in for it (a rule naming a service the
     * catalog does not configure) also counts.
     */
    private Optional<Incident> openIncidentOf(String service) {
        return support.ports().store().open().stream()
                .filter(i -> i.service() != null ? service.equals(i.service().name())
                        : i.alerts().stream().anyMatch(a -> service.equals(a.service())))
                .findFirst();
    }

    private static int indexOf(List<Alert> alerts, Alert alert) {
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).sameAs(alert)) {
                return i;
            }
        }
        return -1;
    }

    private static TimelineEntry alertEntry(Instant now, Member source, Alert alert) {
        return new TimelineEntry(now, source, TimelineEntry.Kind.ALERT,
                (alert.firing() ? "Firing: " : "Resolved: ") + alert.describe());
    }

    /** The sender as the timeline's actor: on no chat platform, so it is never mentioned. */
    private static Member sourceOf(AlertGroup group) {
        String id = group.source().toLowerCase(java.util.Locale.ROOT);
        return new Member(id, id, group.source());
    }
}
