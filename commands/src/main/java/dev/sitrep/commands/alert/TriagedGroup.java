package dev.sitrep.commands.alert;

import dev.sitrep.commands.incident.Severity;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alert group posted for triage, as its latest notification left it, kept until a person decides:
 * the rule that triaged it, the severity and service a declaration gets.
 */
public record TriagedGroup(AlertGroup group, String rule, Severity severity, @Nullable String service) {

    public TriagedGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
    }
}
