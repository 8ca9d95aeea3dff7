package dev.sitrep.bot.discord;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Discord's rate limits as https://discord.com/developers/docs/topics/rate-limits describes them,
 * applied by {@link DiscordRules} to every request once a test switches them on:
 * <ul>
 * <li><b>Per-route buckets</b> ("Per-route rate limits exist for many individual endpoints, and may
 *     include the HTTP method"; "per-route rate limits often account for top-level resources within the
 *     path", i.e. channel_id, guild_id, webhook_id + token): each route below has its bucket, one window
 *     per bucket and top-level resource, which starts with its first request and allows {@code limit}
 *     requests until it resets.</li>
 * <li><b>Headers on every answer of such a route</b> (#header-format): {@code X-RateLimit-Limit},
 *     {@code -Remaining}, {@code -Reset} (epoch seconds with decimals), {@code -Reset-After} (seconds
 *     with decimals) and {@code -Bucket} (the hash, shared by the routes of one bucket).</li>
 * <li><b>The global limit</b> (#global-rate-limit): "All bots can make up to 50 requests per second to
 *     our API", per bot token, any second; "Interaction endpoints are not bound to the bot's Global Rate
 *     Limit" (the interaction callback and the follow-up webhooks).</li>
 * <li><b>Exceeding a limit</b> (#exceeding-a-rate-limit): HTTP 429 with {@code Retry-After} (whole
 *     seconds, as in the page's examples), the {@code X-RateLimit-*} headers, {@code X-RateLimit-Scope}
 *     {@code user} (or {@code global} with {@code X-RateLimit-Global: true}) and the body
 *     {@code {"message": "You are being rate limited.", "retry_after": 64.57, "global": false}}. A refused
 *     request does not count against the window. A request that comes again before its
 *     {@code retry_after} is over is counted ({@link #tooEarly}): a client that ignored the wait.</li>
 * </ul>
 * Discord publishes no figure per route ("rate limits should not be hard coded into your app ... parse
 * response headers"): the figures below are the stand-in's choice, what bots commonly see, with
 * channel creation in a server as the tight bucket a burst of declarations meets.
 */
final class DiscordRateLimits {

    /** https://discord.com/developers/docs/topics/rate-limits#global-rate-limit: 50 requests per second. */
    static final int GLOBAL_PER_SECOND = 50;

    /** One route (method + path with its top-level resource as group 1), in the bucket named {@code hash}. */
    record Route(String method, Pattern path, String hash, int limit, Duration per) {
    }

    /** Channel creation: 5 per 10 s per server (the tight one); the stand-in's figure, see above. */
    static final Route CREATE_CHANNEL = route("POST", "/api/v10/guilds/(\\d+)/channels", "c1a0e5b7", 5,
            Duration.ofSeconds(10));

    /** Messages: 5 per 5 s per channel. */
    static final Route CHANNEL_MESSAGES = route("POST", "/api/v10/channels/(\\d+)/messages", "5d7a9c31", 5,
            Duration.ofSeconds(5));

    private static final List<Route> ROUTES = List.of(
            CREATE_CHANNEL,
            CHANNEL_MESSAGES,
            route("PATCH", "/api/v10/channels/(\\d+)/messages/\\d+", "5d7a9c32", 5, Duration.ofSeconds(5)),
            // Modify channel (the topic), pins, permission overwrites: each its bucket per channel.
            route("PATCH", "/api/v10/channels/(\\d+)", "8e21f04a", 5, Duration.ofSeconds(5)),
            route("PUT", "/api/v10/channels/(\\d+)/(?:messages/)?pins/\\d+", "3b9e77d0", 5, Duration.ofSeconds(5)),
            route("PUT", "/api/v10/channels/(\\d+)/permissions/\\d+", "a4c3e912", 5, Duration.ofSeconds(5)),
            // Member roles: one bucket per server for adding and removing.
            route("PUT", "/api/v10/guilds/(\\d+)/members/\\d+/roles/\\d+", "f00d4e11", 10, Duration.ofSeconds(10)),
            route("DELETE", "/api/v10/guilds/(\\d+)/members/\\d+/roles/\\d+", "f00d4e11", 10, Duration.ofSeconds(10)),
            // Interaction follow-ups: per webhook id + token, not bound to the global limit.
            route("POST", "/api/v10/webhooks/(\\d+/[^/]+)", "9a0bb1c2", 5, Duration.ofSeconds(2)),
            route("PATCH", "/api/v10/webhooks/(\\d+/[^/]+)/messages/.*", "9a0bb1c3", 5, Duration.ofSeconds(2)));

    /** https://discord.com/developers/docs/topics/rate-limits#global-rate-limit: interaction endpoints are exempt. */
    private static final Pattern NOT_GLOBAL = Pattern.compile("/api/v10/(interactions/\\d+/[^/]+/callback|webhooks/.*)");

    private static Route route(String method, String path, String hash, int limit, Duration per) {
        return new Route(method, Pattern.compile(path), hash, limit, per);
    }

    /** One bucket's window for one top-level resource. */
    private static final class Window {
        long resetAt;
        int used;
        /** Until when a 429 told the client to wait; a request before it did not wait. */
        long limitedUntil;
    }

    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Deque<Long>> globalSeconds = new HashMap<>();
    private final Map<String, Long> globalLimitedUntil = new HashMap<>();
    private final AtomicLong routeLimited = new AtomicLong();
    private final AtomicLong globalLimited = new AtomicLong();
    private final AtomicLong tooEarly = new AtomicLong();
    private final AtomicLong globalTooEarly = new AtomicLong();
    private volatile boolean on;
    private volatile int globalPerSecond = GLOBAL_PER_SECOND;

    void enforce() {
        on = true;
    }

    /** A lower global limit, so that a test can meet it without sending 50 requests in a second. */
    void globalPerSecond(int perSecond) {
        globalPerSecond = perSecond;
    }

    /** 429s answered for a route's bucket. */
    long routeLimited() {
        return routeLimited.get();
    }

    /** 429s answered for the global limit. */
    long globalLimited() {
        return globalLimited.get();
    }

    /** Requests to a bucket that came again before the retry_after of its 429 was over. */
    long tooEarly() {
        return tooEarly.get();
    }

    /**
     * Requests that came while a global 429's retry_after ran: calls of other buckets already on
     * their way when it was answered arrive then too, so this is not by itself a client ignoring it.
     */
    long globalTooEarly() {
        return globalTooEarly.get();
    }

    /** What the limits say about one request: a 429 to answer instead, or headers to add to the answer. */
    record Verdict(@Nullable ResponseDefinition refusal, List<HttpHeader> headers) {
    }

    static final Verdict PASS = new Verdict(null, List.of());

    /** Takes the request against its limits (if on) and says whether it passes. */
    synchronized Verdict take(String method, String path, @Nullable String authorization) {
        if (!on || !path.startsWith("/api/v10/")) {
            return PASS;
        }
        long now = System.currentTimeMillis();
        if (!NOT_GLOBAL.matcher(path).matches()) {
            String token = authorization == null ? "" : authorization;
            Long until = globalLimitedUntil.get(token);
            if (until != null && now < until) {
                // Counted apart: a client's other buckets may have had calls on the way when the 429 came.
                globalTooEarly.incrementAndGet();
            }
            Deque<Long> second = globalSeconds.computeIfAbsent(token, k -> new ArrayDeque<>());
            while (!second.isEmpty() && now - second.peekFirst() >= 1000) {
                second.removeFirst();
            }
            if (second.size() >= globalPerSecond) {
                long wait = second.peekFirst() + 1000 - now;
                globalLimitedUntil.put(token, now + wait);
                globalLimited.incrementAndGet();
                return new Verdict(tooMany(wait, null, true), List.of());
            }
            second.addLast(now);
        }
        for (Route route : ROUTES) {
            Matcher m = route.path().matcher(path);
            if (!route.method().equals(method) || !m.matches()) {
                continue;
            }
            Window window = windows.computeIfAbsent(route.hash() + ":" + m.group(1), k -> new Window());
            if (now < window.limitedUntil) {
                tooEarly.incrementAndGet();
            }
            if (now >= window.resetAt) {
                window.resetAt = now + route.per().toMillis();
                window.used = 0;
            }
            if (window.used >= route.limit()) {
                window.limitedUntil = window.resetAt;
                routeLimited.incrementAndGet();
                return new Verdict(tooMany(window.resetAt - now, headers(route, window, now), false), List.of());
            }
            window.used++;
            return new Verdict(null, headers(route, window, now));
        }
        return PASS;
    }

    /** https://discord.com/developers/docs/topics/rate-limits#header-format */
    private static List<HttpHeader> headers(Route route, Window window, long now) {
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("X-RateLimit-Limit", Integer.toString(route.limit())));
        headers.add(new HttpHeader("X-RateLimit-Remaining", Integer.toString(route.limit() - window.used)));
        headers.add(new HttpHeader("X-RateLimit-Reset", seconds(window.resetAt)));
        headers.add(new HttpHeader("X-RateLimit-Reset-After", seconds(window.resetAt - now)));
        headers.add(new HttpHeader("X-RateLimit-Bucket", route.hash()));
        return headers;
    }

    /**
     * https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit: 429, Retry-After in
     * whole seconds, the scope, and the JSON body with retry_after in seconds with decimals.
     */
    private static ResponseDefinition tooMany(long waitMillis, @Nullable List<HttpHeader> bucket, boolean global) {
        ResponseDefinitionBuilder answer = new ResponseDefinitionBuilder().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)))
                .withHeader("X-RateLimit-Scope", global ? "global" : "user")
                .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":" + seconds(waitMillis)
                        + ",\"global\":" + global + "}");
        if (global) {
            answer = answer.withHeader("X-RateLimit-Global", "true");
        }
        if (bucket != null) {
            for (HttpHeader header : bucket) {
                answer = answer.withHeader(header.key(), header.firstValue());
            }
        }
        return answer.build();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** The answer with the bucket's headers added. */
    static ResponseDefinition withHeaders(ResponseDefinition answer, List<HttpHeader> added) {
        if (added.isEmpty()) {
            return answer;
        }
        List<HttpHeader> all = new ArrayList<>(answer.getHeaders() == null ? List.of() : answer.getHeaders().all());
        all.addAll(added);
        return ResponseDefinitionBuilder.like(answer).withHeaders(new HttpHeaders(all)).build();
    }
}
