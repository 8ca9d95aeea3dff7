package dev.sitrep.commands.engine;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.alert.AlertRule;
import dev.sitrep.commands.alert.AlertRules;
import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.alert.TriagedGroup;
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
                    return triage(group, rule);
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
        Change change = declaration(id, group, "rule " + rule.name(), severityOf(rule, group), rule.service(),
                Member.SITREP);
        if (support.commit(change).isEmpty()) {
            update(id, group);
            return false;
        }
        support.ports().observer().workingOn(id);
        declare.setUpUnattended(id, platform);
        return true;
    }

    /**
     * The one commit that declares incident {@code id} from an alert group, whether a rule declares it
     * or a person's triage click does: the group's alerts on it (durations count from the first
     * {@code startsAt}), the DECLARED and ALERT entries, its timer, and for a configured service its
     * runbook, checklist and page, as {@code start … service:} does. {@code commander} is the person
     * who declared it, or {@link Member#SITREP} while nobody has taken command.
     */
    Change declaration(IncidentId id, AlertGroup group, String how, Severity severity, @Nullable String serviceName,
                       Member commander) {
        Instant now = support.now();
        Member source = sourceOf(group);
        Incident incident = Incident.declare(id, group.title(), severity, false, commander, now,
                        support.settings().cadence(severity))
                .withAlerts(group.alerts());
        if (commander.isPerson()) {
            // A person's Declare click is the acknowledgement: time to acknowledge ends at the click.
            incident = incident.withRole(Incident.COMMANDER, commander, now);
        }
        Optional<Service> service = serviceName == null ? Optional.empty() : support.ports().services().find(serviceName);
        Change change = Change.of(null, incident)
                .record(new TimelineEntry(now, commander.isPerson() ? commander : source, TimelineEntry.Kind.DECLARED,
                        "Declared " + severity.label() + " from " + group.source() + " (" + how + "): " + group.title()
                        + (serviceName == null ? "" : " · service "
                        + service.map(Service::displayName).orElse(serviceName))))
                .timer(TimerChange.arm(incident.nextUpdateDue()));
        if (commander.isPerson()) {
            change = change.record(new TimelineEntry(now, commander, TimelineEntry.Kind.ROLE,
                    commander.displayName() + " is commander"));
        }
        for (Alert alert : group.alerts()) {
            change = change.record(alertEntry(now, source, alert));
        }
        // Like /incident start … service:<name>: runbook, checklist, owners invited, on-call paged.
        return service.isPresent() ? DeclareIncident.ofService(change, service.get(), now) : change;
    }

    /** The rule's severity (its label mapping, else its own), else the service's default, else SEV2. */
    private Severity severityOf(AlertRule rule, AlertGroup group) {
        return rule.severityOf(group)
                .or(() -> Optional.ofNullable(rule.service()).flatMap(support.ports().services()::find)
                        .map(Service::defaultSeverity))
                .orElse(Severity.SEV2);
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

    /**
     * Posts the group into the rule's triage channel once, with *Declare incident* and *Dismiss*. The
     * group is tied to an incident number right away (the claim every notification of it makes), so the
     * click declares exactly that number once, and later notifications refresh what the click declares
     * until then and go to the incident after.
     */
    private Outcome triage(AlertGroup group, AlertRule rule) {
        Severity severity = severityOf(rule, group);
        AlertGroup routed = group.forService(rule.service());
        IncidentId reserved = groups.claim(group.key(), rules.window(), null).incident();
        if (support.ports().store().find(reserved).isPresent()) {
            // Declared by a click since this notification was routed.
            update(reserved, routed);
            return new Outcome(Outcome.Kind.UPDATED, reserved, rule.name());
        }
        TriagedGroup triaged = new TriagedGroup(routed, rule.name(), severity, rule.service());
        TriageDecision decided = groups.held(reserved).map(AlertGroups.Held::decision).orElse(null);
        if (decided != null && decided.declared()) {
            // Someone clicked Declare, but their replica died before the incident was made: make it now, and
            // the group's next notification finishes its setup (update).
            declareTriaged(reserved, triaged, decided);
            update(reserved, routed);
            return new Outcome(Outcome.Kind.UPDATED, reserved, rule.name());
        }
        groups.hold(reserved, triaged, rules.window());
        String command = declareCommand(routed, severity, rule.service());
        String key = "alert-triage:" + group.key() + ":" + reserved.number();
        var channel = rule.triageChannel();
        ChatPlatform platform = support.platform(channel.platform());
        ExactlyOnce.Done<Object> done = support.once().run(key, () -> platform.alreadyPosted(channel, key), () -> {
            platform.post(channel, new AlertMessages.AlertTriage(routed, routed.title(), severity, command, reserved), key);
            return null;
        });
        LOG.log(System.Logger.Level.DEBUG, "Alert group " + group.key() + " triage: " + done.outcome());
        return new Outcome(Outcome.Kind.TRIAGED, null, rule.name());
    }

    /**
     * Creates incident {@code id} as {@code decision} declared the triaged group, unless it exists: the
     * store refuses a second create of the same number, so the click and a notification finishing a dead
     * decider's declaration never make two. True if this call made it.
     */
    boolean declareTriaged(IncidentId id, TriagedGroup triage, TriageDecision decision) {
        return support.ports().store().find(id).isEmpty()
                && support.commit(declaration(id, triage.group(), "triage, rule " + triage.rule(),
                triage.severity(), triage.service(), decision.by())).isPresent();
    }

    /** What to type to declare a triaged group by hand: where there are no buttons, or after a dismissal. */
    static String declareCommand(AlertGroup group, Severity severity, @Nullable String service) {
        return "/incident start " + group.title() + " " + severity.word() + (service == null ? "" : " service:" + service);
    }

    AlertGroups groups() {
        return groups;
    }

    Duration window() {
        return rules.window();
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
