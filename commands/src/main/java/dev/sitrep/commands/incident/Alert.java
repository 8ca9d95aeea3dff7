package dev.sitrep.commands.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One alert of a monitoring system's alert group, as the incident keeps it: which group it came in
 * (the group's short key), its fingerprint within the source, whether it still fires, its labels and
 * annotations, and when it started. {@code service} is the service the routing rule named, if any.
 */
public record Alert(
        String group,
        String fingerprint,
        boolean firing,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable String generatorUrl,
        @Nullable String service) {

    public Alert {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    }

    /** The same alert of the same group: the group's key and the fingerprint (its labels, hashed by the source). */
    public boolean sameAs(Alert other) {
        return group.equals(other.group) && fingerprint.equals(other.fingerprint);
    }

    public Alert inGroup(String groupKey, @Nullable String serviceName) {
        return new Alert(groupKey, fingerprint, firing, labels, annotations, startsAt, endsAt, generatorUrl, serviceName);
    }

    /** {@code alertname}, Prometheus' name for the rule that fired. */
    public String name() {
        return labels.getOrDefault("alertname", "alert");
    }

    /** The {@code summary} annotation, else {@code description}, else empty. */
    public String summary() {
        String summary = annotations.get("summary");
        return summary != null && !summary.isBlank() ? summary : annotations.getOrDefault("description", "");
    }

    public @Nullable String description() {
        return annotations.get("description");
    }

    public @Nullable String runbookUrl() {
        return annotations.get("runbook_url");
    }

    /** The labels other than {@code alertname}, as {@code k=v, …} in name order. */
    public String labelText() {
        return new TreeMap<>(labels).entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** One line for the timeline: name, labels, summary, runbook and source, each only when known. */
    public String describe() {
        StringBuilder text = new StringBuilder(name());
        String labelText = labelText();
        if (!labelText.isEmpty()) {
            text.append(" {").append(labelText).append('}');
        }
        if (!summary().isBlank()) {
            text.append(": ").append(summary());
        }
        text.append(" · since ").append(startsAt);
        if (runbookUrl() != null) {
            text.append(" · runbook ").append(runbookUrl());
        }
        if (generatorUrl != null && !generatorUrl.isBlank()) {
            text.append(" · source ").append(generatorUrl);
        }
        return text.toString();
    }
}
