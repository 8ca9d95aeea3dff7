package dev.sitrep.bot.blackbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Alertmanager's webhook notification, payload version 4, as documented at
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config : version, groupKey,
 * truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations, externalURL and
 * alerts[] of {status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint}. It is sent
 * with the receiver's http_config.authorization: "Authorization: Bearer <credentials>"
 * (https://prometheus.io/docs/alerting/latest/configuration/#http_config).
 */
final class BbAlerts {
    static final String TOKEN = "bbcheck-alerts-token-0123456789";

    private BbAlerts() {
    }

    record Alert(String alertname, String severity, String summary, String fingerprint, String startsAt, boolean firing) {
        String generatorUrl() {
            return "http://127.0.0.1:9090/graph?g0.expr=up%7Bjob%3D%22" + fingerprint + "%22%7D";
        }

        JsonObject json(String service) {
            JsonObject a = new JsonObject();
            a.addProperty("status", firing ? "firing" : "resolved");
            a.add("labels", labels(alertname, severity, service));
            JsonObject ann = new JsonObject();
            ann.addProperty("summary", summary);
            ann.addProperty("runbook_url", "https://runbooks.example/" + alertname.toLowerCase());
            a.add("annotations", ann);
            a.addProperty("startsAt", startsAt);
            a.addProperty("endsAt", firing ? "0001-01-01T00:00:00Z" : "2026-12-02T06:30:00Z");
            a.addProperty("generatorURL", generatorUrl());
            a.addProperty("fingerprint", fingerprint);
            return a;
        }
    }

    static String notification(String alertname, String service, String severity, String commonSummary, Alert... alerts) {
        JsonObject n = new JsonObject();
        n.addProperty("version", "4");
        n.addProperty("groupKey", "{}/{severity=\"" + severity + "\"}:{alertname=\"" + alertname + "\", service=\"" + service + "\"}");
        n.addProperty("truncatedAlerts", 0);
        boolean anyFiring = false;
        JsonArray list = new JsonArray();
        for (Alert a : alerts) {
            list.add(a.json(service));
            anyFiring |= a.firing;
        }
        n.addProperty("status", anyFiring ? "firing" : "resolved");
        n.addProperty("receiver", "sitrep");
        JsonObject group = new JsonObject();
        group.addProperty("alertname", alertname);
        group.addProperty("service", service);
        n.add("groupLabels", group);
        n.add("commonLabels", labels(alertname, severity, service));
        JsonObject ann = new JsonObject();
        if (commonSummary != null) {
            ann.addProperty("summary", commonSummary);
        }
        n.add("commonAnnotations", ann);
        n.addProperty("externalURL", "http://127.0.0.1:9093");
        n.add("alerts", list);
        return n.toString();
    }

    private static JsonObject labels(String alertname, String severity, String service) {
        JsonObject l = new JsonObject();
        l.addProperty("alertname", alertname);
        l.addProperty("severity", severity);
        l.addProperty("service", service);
        return l;
    }

    static HttpResponse<String> send(BbBot bot, String payload) throws IOException {
        return bot.post("/alerts/alertmanager", "application/json", payload, Map.of("Authorization", "Bearer " + TOKEN));
    }
}
