package dev.sitrep.bot.blackbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for PagerDuty's Events API v2 written from its public documentation only:
 * <ul>
 * <li>Overview, response codes, rate limits:
 *     https://developer.pagerduty.com/docs/events-api-v2-overview
 *     (source: github.com/PagerDuty/developer-docs docs/events-API-v2/01-Overview.md)</li>
 * <li>Send an Alert Event (fields and their limits):
 *     https://developer.pagerduty.com/docs/send-alert-event
 *     (source: github.com/PagerDuty/developer-docs docs/events-API-v2/02-Trigger-Events.md)</li>
 * <li>Response bodies (202, 400 with its errors, 429 with an empty body):
 *     https://v2.developer.pagerduty.com/docs/send-an-event-events-api-v2</li>
 * </ul>
 * Faults (429, 400) are injected by the test, one request at a time, in PagerDuty's shapes.
 */
final class PagerDutyEventsStandIn implements AutoCloseable {

    /** One request the stand-in received, with what it answered. */
    record Received(int status, Map<String, Object> event, String rawBody) {
        String action() { return str(event.get("event_action")); }
        String dedupKey() { return str(event.get("dedup_key")); }
        String routingKey() { return str(event.get("routing_key")); }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload() {
            return event.get("payload") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
        boolean accepted() { return status == 202; }

        /** Never prints the routing key (a secret), only what identifies the event. */
        @Override
        public String toString() {
            return status + " " + action() + " " + dedupKey() + " severity=" + payload().get("severity");
        }
    }

    record Fault(int status, List<String> errors) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();

    PagerDutyEventsStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The alert endpoint: POST https://events.pagerduty.com/v2/enqueue
        // https://developer.pagerduty.com/docs/send-alert-event ("Endpoint")
        server.createContext("/v2/enqueue", this::enqueue);
        server.createContext("/", ex -> answer(ex, 404, "{\"status\":\"not found\"}"));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void failNext(Fault fault) { faults.addLast(fault); }

    List<Received> received() { return List.copyOf(received); }

    List<Received> accepted(String action, String dedupKey) {
        return received.stream()
                .filter(r -> r.accepted() && action.equals(r.action()) && dedupKey.equals(r.dedupKey()))
                .toList();
    }

    private synchronized Fault nextFault() { return faults.pollFirst(); }

    private void enqueue(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!"POST".equals(ex.getRequestMethod())) {
            answer(ex, 405, "{\"status\":\"method not allowed\"}");
            return;
        }
        Map<String, Object> event;
        try {
            Object parsed = new Json(body).parse();
            if (!(parsed instanceof Map<?, ?>)) throw new IllegalArgumentException("not an object");
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) parsed;
            event = m;
        } catch (RuntimeException e) {
            // 400 "Bad Request - Check that the JSON is valid."
            // https://developer.pagerduty.com/docs/events-api-v2-overview#response-codes--retry-logic
            received.add(new Received(400, Map.of(), body));
            invalid(ex, List.of("Event object is invalid JSON"));
            return;
        }
        List<String> errors = validate(event);
        if (!errors.isEmpty()) {
            received.add(new Received(400, event, body));
            invalid(ex, errors);
            return;
        }
        Fault fault = nextFault();
        if (fault != null) {
            received.add(new Received(fault.status(), event, body));
            if (fault.status() == 429) {
                // 429 "Too many API calls at a time", retry after some time.
                // https://developer.pagerduty.com/docs/events-api-v2-overview#rate-limits
                // Its documented answer has an empty body: https://v2.developer.pagerduty.com/docs/send-an-event-events-api-v2
                answer(ex, 429, "");
            } else if (fault.status() == 400) {
                invalid(ex, fault.errors());
            } else {
                answer(ex, fault.status(), "{\"status\":\"error\",\"message\":\"Internal Server Error\"}");
            }
            return;
        }
        String dedupKey = event.get("dedup_key") instanceof String s ? s : UUID.randomUUID().toString().replace("-", "");
        received.add(new Received(202, event, body));
        // 202 Accepted, body {"status":"success","message":"Event processed","dedup_key":"..."}
        // https://v2.developer.pagerduty.com/docs/send-an-event-events-api-v2
        answer(ex, 202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + esc(dedupKey) + "\"}");
    }

    /** The documented rules of an alert event; each cites its page. */
    static List<String> validate(Map<String, Object> event) {
        List<String> errors = new ArrayList<>();
        // routing_key Required: "the 32 character Integration Key"
        // https://developer.pagerduty.com/docs/send-alert-event#parameters
        // error text as in https://v2.developer.pagerduty.com/docs/send-an-event-events-api-v2 (400 example)
        if (!(event.get("routing_key") instanceof String rk)) {
            errors.add("'routing_key' is missing");
        } else if (rk.length() != 32) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        // event_action Required: "Can be trigger, acknowledge or resolve"
        // https://developer.pagerduty.com/docs/send-alert-event#parameters
        Object action = event.get("event_action");
        if (!(action instanceof String a) || !List.of("trigger", "acknowledge", "resolve").contains(a)) {
            errors.add("'event_action' is invalid or missing");
            return errors;
        }
        // dedup_key: "The maximum permitted length of this property is 255 characters."
        // https://developer.pagerduty.com/docs/send-alert-event#parameters
        Object dedup = event.get("dedup_key");
        if (dedup != null && (!(dedup instanceof String d) || d.isEmpty() || d.length() > 255)) {
            errors.add("'dedup_key' is invalid");
        }
        if (!"trigger".equals(action)) {
            // acknowledge/resolve reference an alert by its dedup_key (example payloads carry only
            // routing_key, dedup_key, event_action): without one there is nothing to apply to.
            // https://developer.pagerduty.com/docs/send-alert-event#example-request-payloads
            if (dedup == null) errors.add("'dedup_key' is required for " + action);
            return errors;
        }
        if (!(event.get("payload") instanceof Map<?, ?> payload)) {
            errors.add("'payload' is missing or not an object");
            return errors;
        }
        // payload.summary Required, "maximum permitted length ... 1024 characters"
        // https://developer.pagerduty.com/docs/send-alert-event#parameters
        if (!(payload.get("summary") instanceof String s) || s.isBlank() || s.length() > 1024) {
            errors.add("'payload.summary' is invalid or missing");
        }
        // payload.source Required
        // https://developer.pagerduty.com/docs/send-alert-event#parameters
        if (!(payload.get("source") instanceof String src) || src.isBlank()) {
            errors.add("'payload.source' is invalid or missing");
        }
        // payload.severity Required: critical, error, warning or info
        // https://developer.pagerduty.com/docs/send-alert-event#parameters
        if (!(payload.get("severity") instanceof String sev)
                || !List.of("critical", "error", "warning", "info").contains(sev)) {
            errors.add("'payload.severity' is invalid (must be one of critical, error, warning or info)");
        }
        return errors;
    }

    private static void invalid(HttpExchange ex, List<String> errors) throws IOException {
        // 400 body: {"status":"invalid event","message":"Event object is invalid","errors":[...]}
        // https://v2.developer.pagerduty.com/docs/send-an-event-events-api-v2
        StringBuilder sb = new StringBuilder("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[");
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(esc(errors.get(i))).append('"');
        }
        answer(ex, 400, sb.append("]}").toString());
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String str(Object o) { return o instanceof String s ? s : null; }

    @Override
    public void close() { server.stop(0); }

    /** A small strict JSON reader (objects, arrays, strings, numbers, literals). */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) throw new IllegalArgumentException("trailing data");
            return v;
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private Object value() {
            ws();
            if (i >= s.length()) throw new IllegalArgumentException("eof");
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect('}');
                        return m;
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect(']');
                        return l;
                    }
                }
                case '"': return string();
                default:
                    if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
                    if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
                    if (s.startsWith("null", i)) { i += 4; return null; }
                    int st = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    if (st == i) throw new IllegalArgumentException("bad value at " + i);
                    return Double.parseDouble(s.substring(st, i));
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw new IllegalArgumentException("expected " + c);
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
