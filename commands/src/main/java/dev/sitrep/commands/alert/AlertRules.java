package dev.sitrep.commands.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The routing rules in their configured order (the first that matches and applies wins) and how long
 * an alert group stays tied to its incident after its last notification ({@code window}).
 */
public record AlertRules(List<AlertRule> rules, Duration window) {

    public AlertRules {
        rules = List.copyOf(rules == null ? List.of() : rules);
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the alert group window must be positive");
        }
    }

    /** The rules whose matchers all match the group's common labels, in order. */
    public List<AlertRule> matching(AlertGroup group) {
        return rules.stream().filter(r -> r.matches(group)).toList();
    }
}
