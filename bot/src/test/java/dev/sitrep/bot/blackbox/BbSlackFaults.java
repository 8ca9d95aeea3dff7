package dev.sitrep.bot.blackbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Slack's Web API as it answers when things are not fine, in front of {@link BbSlackFake}: every
 * call goes to the fake unless a fault scripted here answers it first, in the shapes Slack's pages
 * give. The fake stays the one state of the workspace; this only adds what the fake never says.
 *
 * <ul>
 *   <li>https://api.slack.com/web#responses : "a top-level boolean property ok"; errors are
 *       {@code {"ok":false,"error":"…"}} on HTTP 200; "In the case of problematic calls that could
 *       still be completed successfully, ok will be true and the warning property will contain a
 *       short machine-readable warning code (or comma-separated list of them)"; since 2016 also
 *       {@code response_metadata.warnings} and {@code .messages} "[WARN] …"
 *       (https://api.slack.com/changelog/2016-09-28-response-metadata-is-on-the-way).
 *       Other fields appear as Slack adds them: a client must ignore what it does not know.</li>
 *   <li>https://api.slack.com/docs/rate-limits : "Slack will start returning a HTTP 429 Too Many
 *       Requests error, a JSON object containing the number of calls you have been making, and a
 *       Retry-After header containing the number of seconds until you can retry." Limits are "per
 *       API method per app per workspace": a call of the same method before that time is answered
 *       429 again (and counted here as {@link #early}).</li>
 *   <li>https://api.slack.com/web#authentication and each method's Errors table: {@code not_authed}
 *       ("No authentication token provided") and {@code invalid_auth} ("Some aspect of authentication
 *       cannot be validated") on HTTP 200.</li>
 * </ul>
 */
final class BbSlackFaults implements AutoCloseable {
    /** One Web API call as it reached this front, and what it was answered. */
    record Seen(String method, Map<String, String> params, long atNanos, int status, JsonObject answer) {
        boolean ok() {
            return answer.has("ok") && answer.get("ok").getAsBoolean();
        }

        String p(String name) {
            return params.getOrDefault(name, "");
        }

        String error() {
            return answer.has("error") ? answer.get("error").getAsString() : "";
        }
    }

    private record Fault(String method, BiPredicate<String, Map<String, String>> when, AtomicInteger left, String error) {
    }

    private final BbSlackFake fake;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    /** Calls that came while their method was paused by a 429, before its Retry-After had passed. */
    final List<Seen> early = new CopyOnWriteArrayList<>();
    private final Map<String, Long> pausedUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> rateLimitsLeft = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, BiPredicate<String, Map<String, String>>> rateLimitWhen = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> retryAfterSeconds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> dmTexts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger dmCount = new AtomicInteger();
    private volatile String allFail;
    private volatile boolean unknownFields;
    private volatile boolean warnings;

    BbSlackFaults(BbSlackFake fake) throws IOException {
        this.fake = fake;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** The next {@code times} calls of {@code method} matching {@code when} are answered {"ok":false,"error":error}. */
    void refuse(String method, int times, BiPredicate<String, Map<String, String>> when, String error) {
        faults.add(new Fault(method, when, new AtomicInteger(times), error));
    }

    /** Every call (any method) answered {"ok":false,"error":error} until {@link #heal()}: a revoked or missing token. */
    void failEverything(String error) {
        allFail = error;
    }

    void heal() {
        allFail = null;
        faults.clear();
        rateLimitWhen.clear();
        rateLimitsLeft.clear();
        pausedUntil.clear();
        early.clear();
        unknownFields = false;
        warnings = false;
    }

    /** The next {@code times} calls of {@code method} matching {@code when} get 429 + Retry-After: seconds. */
    void rateLimit(String method, int times, int seconds, BiPredicate<String, Map<String, String>> when) {
        rateLimitWhen.put(method, when);
        rateLimitsLeft.put(method, times);
        retryAfterSeconds.put(method, seconds);
    }

    /** Every ok:true answer gains fields no Slack page has listed yet, at the top and inside its objects. */
    void addUnknownFields(boolean on) {
        unknownFields = on;
    }

    /** Every ok:true answer carries a {@code warning} and {@code response_metadata.warnings}/{@code messages}. */
    void addWarnings(boolean on) {
        warnings = on;
    }

    List<Seen> calls(String method) {
        return seen.stream().filter(s -> s.method.equals(method)).toList();
    }

    String dump() {
        return seen.stream().map(s -> s.method + " " + s.params.entrySet().stream().filter(e -> !e.getKey().equals("token"))
                        .map(e -> e.getKey() + "=" + cut(e.getValue())).collect(Collectors.joining(" "))
                        + " -> " + s.status + " " + cut(s.answer.toString()))
                .collect(Collectors.joining("\n"));
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /**
     * What one 429 pauses: https://api.slack.com/docs/rate-limits — limits are "per API method per
     * app per workspace", except that chat.postMessage "generally allows posting one message per
     * second per channel".
     */
    private static String line(String method, Map<String, String> params) {
        return method.equals("chat.postMessage") ? method + ":" + params.getOrDefault("channel", "") : method;
    }

    private void api(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestURI().getPath().substring("/api/".length());
            byte[] raw = ex.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            Map<String, String> params = new LinkedHashMap<>(BbSlackFake.parseForm(ex.getRequestURI().getRawQuery()));
            if (type.startsWith("application/json") && !body.isBlank()) {
                JsonObject o = JsonParser.parseString(body).getAsJsonObject();
                for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                    params.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
                }
            } else {
                params.putAll(BbSlackFake.parseForm(body));
            }
            long now = System.nanoTime();

            String line = line(method, params);
            Long until = pausedUntil.get(line);
            if (until != null && now < until) {
                // Still paused: Slack answers 429 again with the time left (rounded up).
                long left = Math.max(1, (until - now + 999_999_999L) / 1_000_000_000L);
                Seen s = new Seen(method, params, now, 429, error("ratelimited"));
                early.add(s);
                seen.add(s);
                reply(ex, 429, s.answer, Map.of("Retry-After", Long.toString(left)));
                return;
            }
            BiPredicate<String, Map<String, String>> limitWhen = rateLimitWhen.get(method);
            if (limitWhen != null && limitWhen.test(method, params) && rateLimitsLeft.merge(method, -1, Integer::sum) >= 0) {
                int seconds = retryAfterSeconds.get(method);
                pausedUntil.put(line, now + seconds * 1_000_000_000L);
                Seen s = new Seen(method, params, now, 429, error("ratelimited"));
                seen.add(s);
                reply(ex, 429, s.answer, Map.of("Retry-After", Integer.toString(seconds)));
                return;
            }
            String failing = allFail;
            if (failing != null) {
                Seen s = new Seen(method, params, now, 200, error(failing));
                seen.add(s);
                reply(ex, 200, s.answer, Map.of());
                return;
            }
            if (method.equals("chat.postMessage") && params.getOrDefault("channel", "").matches("[UW][A-Z0-9]+")) {
                JsonObject answer = directMessage(params);
                seen.add(new Seen(method, params, now, 200, answer));
                reply(ex, 200, answer, Map.of());
                return;
            }
            for (Fault f : faults) {
                if (f.method.equals(method) && f.when.test(method, params) && f.left.getAndDecrement() > 0) {
                    JsonObject answer = error(f.error);
                    if (f.error.equals("name_taken")) {
                        // https://api.slack.com/methods/conversations.create#errors name_taken: "A channel
                        // cannot be created with the given name." — because one has it: make it exist.
                        fake.addChannel("C0TAKEN" + Math.abs(params.getOrDefault("name", "").hashCode() % 100000), params.getOrDefault("name", ""), false);
                    }
                    Seen s = new Seen(method, params, now, 200, answer);
                    seen.add(s);
                    reply(ex, 200, answer, Map.of());
                    return;
                }
            }

            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(fake.apiUrl() + method
                            + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(raw));
            if (ex.getRequestHeaders().getFirst("Content-Type") != null) {
                forward.header("Content-Type", ex.getRequestHeaders().getFirst("Content-Type"));
            }
            if (ex.getRequestHeaders().getFirst("Authorization") != null) {
                forward.header("Authorization", ex.getRequestHeaders().getFirst("Authorization"));
            }
            HttpResponse<String> r = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            JsonObject answer = JsonParser.parseString(r.body()).getAsJsonObject();
            if (answer.has("ok") && answer.get("ok").getAsBoolean()) {
                if (unknownFields) {
                    addUnknown(answer, 0);
                }
                if (warnings) {
                    addWarning(answer);
                }
            }
            seen.add(new Seen(method, params, now, r.statusCode(), answer));
            reply(ex, r.statusCode(), answer, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 500, error("fatal_error"), Map.of());
        } catch (RuntimeException e) {
            JsonObject answer = error("internal_error");
            answer.addProperty("_faults", e.toString());
            reply(ex, 200, answer, Map.of());
        }
    }

    /**
     * https://api.slack.com/methods/chat.postMessage#app_home : a user's ID as {@code channel} posts
     * to the app's direct messages with that user (its App Home Messages tab); the answer names
     * the DM channel (a D… id). An unknown user is {@code channel_not_found}. BbSlackFake has no DMs.
     */
    private JsonObject directMessage(Map<String, String> p) {
        String user = p.getOrDefault("channel", "");
        if (!fake.users.contains(user) || BbSlackFake.BOT_USER.equals(user)) {
            return error("channel_not_found");
        }
        if (p.getOrDefault("text", "").isBlank() && p.getOrDefault("blocks", "").isBlank()) {
            return error("no_text");
        }
        String ts = String.format("%d.%06d", System.currentTimeMillis() / 1000, dmCount.incrementAndGet() % 1_000_000);
        dmTexts.computeIfAbsent(user, k -> new CopyOnWriteArrayList<>()).add(p.getOrDefault("text", "") + p.getOrDefault("blocks", ""));
        JsonObject o = new JsonObject();
        o.addProperty("ok", true);
        o.addProperty("channel", "D" + user.substring(1));
        o.addProperty("ts", ts);
        JsonObject m = new JsonObject();
        m.addProperty("type", "message");
        m.addProperty("user", BbSlackFake.BOT_USER);
        m.addProperty("bot_id", "BBBOT0001");
        m.addProperty("text", p.getOrDefault("text", ""));
        m.addProperty("ts", ts);
        o.add("message", m);
        return o;
    }

    /** What the bot sent a user as a direct message. */
    List<String> dms(String user) {
        return List.copyOf(dmTexts.getOrDefault(user, List.of()));
    }

    /** Fields of every JSON type, none of which any Slack page lists, at each level of the answer. */
    private static void addUnknown(JsonObject o, int depth) {
        for (Map.Entry<String, JsonElement> e : List.copyOf(o.entrySet())) {
            if (e.getValue().isJsonObject() && depth < 3) {
                addUnknown(e.getValue().getAsJsonObject(), depth + 1);
            }
        }
        o.addProperty("bbcheck_future_flag", true);
        o.addProperty("bbcheck_future_count", 12345678901L);
        o.addProperty("bbcheck_future_text", "ignore me");
        o.add("bbcheck_future_null", com.google.gson.JsonNull.INSTANCE);
        JsonArray list = new JsonArray();
        list.add("x");
        list.add(JsonParser.parseString("{\"nested\":[1,2,{\"deeper\":true}]}"));
        o.add("bbcheck_future_list", list);
        o.add("bbcheck_future_object", JsonParser.parseString("{\"a\":{\"b\":[]},\"ok\":false,\"error\":\"not_really\"}"));
    }

    private static void addWarning(JsonObject o) {
        o.addProperty("warning", "missing_charset,superfluous_charset");
        JsonObject meta = o.has("response_metadata") && o.get("response_metadata").isJsonObject()
                ? o.getAsJsonObject("response_metadata") : new JsonObject();
        JsonArray w = new JsonArray();
        w.add("missing_charset");
        w.add("superfluous_charset");
        meta.add("warnings", w);
        JsonArray m = new JsonArray();
        m.add("[WARN] A Content-Type HTTP header was presented but did not declare a charset, such as a 'utf-8'");
        meta.add("messages", m);
        o.add("response_metadata", meta);
    }

    private static JsonObject error(String error) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.addProperty("error", error);
        return o;
    }

    private static void reply(HttpExchange ex, int status, JsonObject body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
