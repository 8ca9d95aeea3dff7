package dev.sitrep.commands.alert;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One routing rule for alert groups: when all its matchers match the group's common labels, its
 * action applies. {@code severityLabel} and {@code severities} map a label value to a severity
 * ({@code severity=critical} → SEV1), else {@code severity} when the rule sets one (else the engine
 * takes the service's default severity, else SEV2); {@code service} is a service name (the
 * catalog is configured elsewhere); {@code platform} is where a declared incident's channel is
 * opened (null: the first configured platform); {@code triageChannel} is where {@code triage} posts.
 */
public record AlertRule(
        String name,
        List<LabelMatcher> matchers,
        Action action,
        String severityLabel,
        Map<String, Severity> severities,
        @Nullable Severity severity,
        @Nullable String service,
        @Nullable String platform,
        @Nullable ChannelRef triageChannel) {

    /** What a rule does with a group it matches. */
    public enum Action {
        /** Open an incident. */
        DECLARE,
        /** Post the group into a triage channel for a person to decide. */
        TRIAGE,
        /** Add the group to the open incident of the same service; without one, the next rule decides. */
        ATTACH,
        /** Take nothing. */
        IGNORE
    }

    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        matchers = List.copyOf(matchers == null ? List.of() : matchers);
        severityLabel = severityLabel == null || severityLabel.isBlank() ? "severity" : severityLabel;
        severities = Map.copyOf(severities == null ? Map.of() : severities);
        if (action == Action.TRIAGE && triageChannel == null) {
            throw new IllegalArgumentException("alert rule '" + name + "' triages, so it needs a channel");
        }
        if (action == Action.ATTACH && (service == null || service.isBlank())) {
            throw new IllegalArgumentException("alert rule '" + name + "' attaches to its service's incident, so it"
                    + " needs a service");
        }
    }

    public boolean matches(AlertGroup group) {
        return matchers.stream().allMatch(m -> m.matches(group.commonLabels()));
    }

    /** The severity the group's label maps to, else the rule's own; empty when the rule sets neither. */
    public Optional<Severity> severityOf(AlertGroup group) {
        return Optional.ofNullable(severities.get(group.label(severityLabel))).or(() -> Optional.ofNullable(severity));
    }
}
