package dev.sitrep.bot.alerts;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.incident.Alert;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a webhook body into an {@link AlertGroup}, or says why it is not one. Alertmanager's shape
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config): {@code version} "4",
 * {@code groupKey}, {@code status}, {@code receiver}, {@code groupLabels}, {@code commonLabels},
 * {@code commonAnnotations}, {@code externalURL}, {@code alerts[]} of {@code status} (firing|resolved),
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code generatorURL},
 * {@code fingerprint}. Grafana's (https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/)
 * is the same with {@code version} "1" and an {@code orgId}.
 */
final class AlertPayloads {

    /** A body that is not the expected sender's notification; the reason goes back in the 400. */
    static final class NotAPayload extends Exception {
        NotAPayload(String reason) {
            super(reason);
        }
    }

    /** Which sender's shape to expect. */
    enum Format {
        ALERTMANAGER("Alertmanager", "4"), GRAFANA("Grafana", "1");

        final String source;
        final String version;

        Format(String source, String version) {
            this.source = source;
            this.version = version;
        }
    }

    /** Alertmanager writes the zero time for an alert that has not ended. */
    private static final Instant UNSET = Instant.parse("0001-01-01T00:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    AlertGroup read(Format format, byte[] body) throws NotAPayload {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new NotAPayload("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new NotAPayload("the body is not a JSON object");
        }
        String version = text(root, "version");
        if (!format.version.equals(version)) {
            throw new NotAPayload("not a " + format.source + " webhook notification: \"version\" must be \""
                    + format.version + "\"" + (version == null ? " and is missing" : ", was \"" + version + "\""));
        }
        if (format == Format.GRAFANA && !root.has("orgId")) {
            throw new NotAPayload("not a Grafana webhook notification: \"orgId\" is missing");
        }
        String groupKey = required(root, "groupKey");
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            throw new NotAPayload("\"alerts\" must be a non-empty array");
        }
        List<Alert> read = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            read.add(alert(alerts.get(i), "alerts[" + i + "]"));
        }
        return new AlertGroup(format.source, groupKey, labels(root, "groupLabels"), labels(root, "commonLabels"),
                labels(root, "commonAnnotations"), text(root, "externalURL"), read);
    }

    private static Alert alert(JsonNode node, String where) throws NotAPayload {
        if (node == null || !node.isObject()) {
            throw new NotAPayload(where + " is not an object");
        }
        String status = required(node, "status", where);
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new NotAPayload(where + ".status must be \"firing\" or \"resolved\", was \"" + status + "\"");
        }
        Map<String, String> labels = labels(node, "labels");
        if (labels.isEmpty()) {
            throw new NotAPayload(where + ".labels must name the alert");
        }
        Instant startsAt = instant(required(node, "startsAt", where), where + ".startsAt");
        String ends = text(node, "endsAt");
        Instant endsAt = ends == null || ends.isBlank() ? null : instant(ends, where + ".endsAt");
        String fingerprint = text(node, "fingerprint");
        if (fingerprint == null || fingerprint.isBlank()) {
            // Older Alertmanagers send none; the sorted labels identify the alert just as well.
            fingerprint = new java.util.TreeMap<>(labels).toString();
        }
        return new Alert("", fingerprint, status.equals("firing"), labels, labels(node, "annotations"), startsAt,
                UNSET.equals(endsAt) ? null : endsAt, text(node, "generatorURL"), null);
    }

    private static Instant instant(String text, String where) throws NotAPayload {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new NotAPayload(where + " is not an RFC 3339 time: \"" + text + "\"");
        }
    }

    private static Map<String, String> labels(JsonNode node, String field) throws NotAPayload {
        JsonNode object = node.get(field);
        Map<String, String> labels = new LinkedHashMap<>();
        if (object == null || object.isNull()) {
            return labels;
        }
        if (!object.isObject()) {
            throw new NotAPayload("\"" + field + "\" must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            labels.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
        }
        return labels;
    }

    private static String required(JsonNode node, String field) throws NotAPayload {
        return required(node, field, null);
    }

    private static String required(JsonNode node, String field, @Nullable String where) throws NotAPayload {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new NotAPayload((where == null ? "" : where + ".") + "\"" + field + "\" is missing");
        }
        return value;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
