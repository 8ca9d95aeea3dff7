package dev.sitrep.commands.alert;

import dev.sitrep.commands.incident.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One notification of a monitoring system about one alert group: Alertmanager (and Grafana, which
 * speaks its dialect) groups alerts by labels and sends the whole group each time, identified by its
 * {@code groupKey}. {@code source} names the sender ("Alertmanager", "Grafana").
 */
public record AlertGroup(
        String source,
        String groupKey,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        @Nullable String externalUrl,
        List<Alert> alerts) {

    private static final int KEY_LENGTH = 16;
    private static final int TITLE_LIMIT = 100;

    public AlertGroup {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(groupKey, "groupKey");
        groupLabels = Map.copyOf(groupLabels == null ? Map.of() : groupLabels);
        commonLabels = Map.copyOf(commonLabels == null ? Map.of() : commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations == null ? Map.of() : commonAnnotations);
        String shortKey = keyOf(groupKey);
        alerts = (alerts == null ? List.<Alert>of() : alerts).stream()
                .map(a -> a.group().equals(shortKey) ? a : a.inGroup(shortKey, a.service())).toList();
    }

    /**
     * The group's short, stable key: the first hex digits of SHA-256 of {@code groupKey}, so every
     * notification of the group (from either Alertmanager of an HA pair, on any replica) names the same
     * key, and a long group key with label values never ends up in a Redis key or a chat command.
     */
    public String key() {
        return keyOf(groupKey);
    }

    static String keyOf(String groupKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, KEY_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The labels every alert of the group shares: routing rules match these. */
    public String label(String name) {
        return commonLabels.getOrDefault(name, "");
    }

    public boolean anyFiring() {
        return alerts.stream().anyMatch(Alert::firing);
    }

    /**
     * An incident title from what the group's alerts share: the common {@code summary} annotation,
     * else the alert name with the other grouping labels ({@code HighLatency (service=checkout)}).
     */
    public String title() {
        String summary = commonAnnotations.get("summary");
        String title;
        if (summary != null && !summary.isBlank()) {
            title = summary.strip();
        } else {
            String name = commonLabels.getOrDefault("alertname", groupLabels.getOrDefault("alertname", source + " alert"));
            String others = new TreeMap<>(groupLabels).entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            title = others.isEmpty() ? name : name + " (" + others + ")";
        }
        return title.length() <= TITLE_LIMIT ? title : title.substring(0, TITLE_LIMIT - 1) + "…";
    }

    /** The same group with each alert marked as belonging to {@code service} (the routing rule's). */
    public AlertGroup forService(@Nullable String service) {
        return new AlertGroup(source, groupKey, groupLabels, commonLabels, commonAnnotations, externalUrl,
                alerts.stream().map(a -> a.inGroup(a.group(), service)).toList());
    }
}
