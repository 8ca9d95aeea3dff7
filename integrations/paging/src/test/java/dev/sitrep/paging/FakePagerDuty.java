package dev.sitrep.paging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strict stand-in for PagerDuty's Events API v2 on 127.0.0.1: it refuses every event PagerDuty
 * refuses, in PagerDuty's words and shapes, keeps alerts by (routing key, dedup key) the way PagerDuty
 * deduplicates them, and answers 429 or 5xx when a test asks.
 */
final class FakePagerDuty implements AutoCloseable {

    /** One alert as PagerDuty keeps it. */
    record Alert(String routingKey, String dedupKey, String summary, String source, String severity,
                 List<String> links, String status, int triggers) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final HttpServer server;
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private final List<Alert> closed = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ConcurrentLinkedDeque<>();
    private volatile boolean echoKeys;

    FakePagerDuty() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/enqueue", this::enqueue);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} events are answered {@code status} and not ingested. */
    void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
    }

    /** A careless PagerDuty: its error answers quote the routing key they were sent. */
    void echoRoutingKeysInErrors() {
        echoKeys = true;
    }

    /** Every request body received, ingested or not. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Alerts ever opened for a routing key: what PagerDuty would show as incidents. */
    synchronized List<Alert> alerts(String routingKey) {
        List<Alert> all = new ArrayList<>(closed);
        all.addAll(open.values());
        return all.stream().filter(a -> a.routingKey().equals(routingKey)).toList();
    }

    private void enqueue(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            if (!exchange.getRequestMethod().equals("POST")) {
                // The endpoint takes POST only (https://developer.pagerduty.com/docs/events-API-v2/02-Trigger-Events.md).
                answer(exchange, 405, "{}");
                return;
            }
            String sentKey = echoKeys ? " for " + keyOf(body) : "";
            Integer failure = failures.poll();
            if (failure != null) {
                // 429: "Too many API calls at a time", 5xx: "retry after some time"; the event is not ingested
                // (https://github.com/PagerDuty/developer-docs/blob/main/docs/events-API-v2/01-Overview.md#response-codes--retry-logic,
                // https://github.com/PagerDuty/developer-docs/blob/main/docs/events-API-v2/05-Rate-Limits.md).
                answer(exchange, failure, failure == 429
                        ? "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly. Please retry later.\",\"errors\":[\"Enhance Your Calm.\"]}"
                        : "{\"status\":\"error\",\"message\":\"Internal error" + sentKey + "\"}");
                return;
            }
            JsonNode event;
            try {
                event = JSON.readTree(body);
            } catch (JacksonException e) {
                // "400 Bad Request - Check that the JSON is valid."
                // (https://github.com/PagerDuty/developer-docs/blob/main/docs/events-API-v2/01-Overview.md#response-codes--retry-logic)
                invalid(exchange, List.of("Event must be valid JSON"));
                return;
            }
            List<String> errors = problems(event);
            if (!errors.isEmpty()) {
                invalid(exchange, errors);
                return;
            }
            String dedupKey = ingest(event);
            // 202 Accepted with the alert's dedup_key
            // (https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty).
            answer(exchange, 202, JSON.writeValueAsString(JSON.createObjectNode().put("status", "success")
                    .put("message", "Event processed").put("dedup_key", dedupKey)));
        }
    }

    /** The rules of https://developer.pagerduty.com/docs/events-API-v2/02-Trigger-Events.md ("Parameters"). */
    private List<String> problems(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (!event.isObject()) {
            errors.add("Event object must be a JSON object");
            return errors;
        }
        // routing_key: required, "the 32 character Integration Key".
        String routingKey = event.path("routing_key").asString("");
        if (!event.path("routing_key").isString()) {
            errors.add("'routing_key' is missing or blank");
        } else if (routingKey.length() != 32) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)" + quoted(routingKey));
        }
        // event_action: required, one of trigger, acknowledge, resolve.
        String action = event.path("event_action").asString("");
        if (!ACTIONS.contains(action)) {
            errors.add("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
        }
        // dedup_key: at most 255 characters; acknowledge and resolve reference an alert by it.
        String dedupKey = event.path("dedup_key").asString("");
        if (dedupKey.length() > 255) {
            errors.add("Length of 'dedup_key' is too long (maximum is 255 characters)");
        }
        if ((action.equals("acknowledge") || action.equals("resolve")) && dedupKey.isBlank()) {
            errors.add("'dedup_key' is missing or blank");
        }
        if (action.equals("trigger")) {
            // payload.summary (≤ 1024), payload.source and payload.severity (critical|error|warning|info) are required.
            JsonNode payload = event.path("payload");
            String summary = payload.path("summary").asString("");
            if (summary.isBlank()) {
                errors.add("'payload.summary' is missing or blank");
            } else if (summary.length() > 1024) {
                errors.add("Length of 'payload.summary' is too long (maximum is 1024 characters)");
            }
            if (payload.path("source").asString("").isBlank()) {
                errors.add("'payload.source' is missing or blank");
            }
            if (!SEVERITIES.contains(payload.path("severity").asString(""))) {
                errors.add("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
            }
            // links[].href is required (same page, "The links Property").
            for (JsonNode link : event.path("links")) {
                if (link.path("href").asString("").isBlank()) {
                    errors.add("'links.href' is missing or blank");
                }
            }
        }
        return errors;
    }

    private String quoted(String routingKey) {
        return echoKeys ? " (" + routingKey + ")" : "";
    }

    private static String keyOf(String body) {
        try {
            return JSON.readTree(body).path("routing_key").asString("");
        } catch (JacksonException e) {
            return "";
        }
    }

    /**
     * Deduplication as https://developer.pagerduty.com/docs/events-API-v2/02-Trigger-Events.md
     * ("Alert De-Duplication") describes it: a trigger with the dedup_key of an open alert of the same
     * routing key adds to it; acknowledge/resolve apply to the open alert or are dropped; after a
     * resolve, a trigger opens a new alert.
     */
    private synchronized String ingest(JsonNode event) {
        String routingKey = event.path("routing_key").asString();
        String action = event.path("event_action").asString();
        String dedupKey = event.path("dedup_key").asString("");
        if (dedupKey.isBlank()) {
            dedupKey = java.util.UUID.randomUUID().toString().replace("-", "");
        }
        String id = routingKey + "/" + dedupKey;
        Alert alert = open.get(id);
        switch (action) {
            case "trigger" -> {
                JsonNode payload = event.path("payload");
                List<String> links = new ArrayList<>();
                event.path("links").forEach(l -> links.add(l.path("href").asString()));
                open.put(id, alert == null
                        ? new Alert(routingKey, dedupKey, payload.path("summary").asString(),
                        payload.path("source").asString(), payload.path("severity").asString(), links, "triggered", 1)
                        : new Alert(routingKey, dedupKey, alert.summary(), alert.source(), alert.severity(), alert.links(),
                        alert.status(), alert.triggers() + 1));
            }
            case "acknowledge" -> {
                if (alert != null) {
                    open.put(id, new Alert(routingKey, dedupKey, alert.summary(), alert.source(), alert.severity(),
                            alert.links(), "acknowledged", alert.triggers()));
                }
            }
            default -> {
                if (alert != null) {
                    open.remove(id);
                    closed.add(new Alert(routingKey, dedupKey, alert.summary(), alert.source(), alert.severity(),
                            alert.links(), "resolved", alert.triggers()));
                }
            }
        }
        return dedupKey;
    }

    /** PagerDuty's 400 shape (https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty). */
    private static void invalid(HttpExchange exchange, List<String> errors) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid");
        errors.forEach(body.putArray("errors")::add);
        answer(exchange, 400, JSON.writeValueAsString(body));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
