package dev.sitrep.bot.slack;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's published rate limits, enforced before any stub answers once a test switches them on:
 * limits apply "per API method per app per workspace" and a call over its limit is answered HTTP 429
 * with a {@code Retry-After} header in seconds and {@code {"ok":false,"error":"ratelimited"}}
 * (https://api.slack.com/apis/rate-limits). Each method is held to the low end of its tier over any
 * 60 s (a sliding window, so a burst up to the tier goes through at once, then one call as each
 * earlier one leaves the window); a refused call does not count.
 */
final class SlackTierLimits implements ResponseDefinitionTransformerV2 {

    static final String NAME = "slack-tier-limits";

    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** https://api.slack.com/apis/rate-limits: Tier 2 "20+ per minute", Tier 3 "50+", Tier 4 "100+". */
    private static final Map<String, Integer> PER_MINUTE = Map.ofEntries(
            Map.entry("conversations.create", 20),        // Tier 2: https://api.slack.com/methods/conversations.create
            Map.entry("conversations.setTopic", 20),      // Tier 2: https://api.slack.com/methods/conversations.setTopic
            Map.entry("pins.add", 20),                    // Tier 2: https://api.slack.com/methods/pins.add
            Map.entry("conversations.invite", 50),        // Tier 3: https://api.slack.com/methods/conversations.invite
            Map.entry("conversations.history", 50),       // Tier 3: https://api.slack.com/methods/conversations.history
            Map.entry("chat.postEphemeral", 100),         // Tier 4: https://api.slack.com/methods/chat.postEphemeral
            Map.entry("users.info", 100));                // Tier 4: https://api.slack.com/methods/users.info

    private final Map<String, Deque<Long>> served = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean on;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    void enforce() {
        on = true;
    }

    /** How many calls were answered 429. */
    long refused() {
        return refused.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl();
        if (!on || !path.startsWith("/api/")) {
            return serveEvent.getResponseDefinition();
        }
        String method = path.substring("/api/".length()).replaceFirst("\\?.*", "");
        String line;
        int limit;
        Duration window;
        if (method.equals("chat.postMessage")) {
            // https://api.slack.com/methods/chat.postMessage#rate_limiting: "1 message per second per
            // channel"; held strictly here (Slack tolerates short bursts, without a guarantee).
            line = method + ":" + FakeSlackApi.form(serveEvent.getRequest().getBodyAsString()).get("channel");
            limit = 1;
            window = Duration.ofSeconds(1);
        } else if (PER_MINUTE.containsKey(method)) {
            line = method;
            limit = PER_MINUTE.get(method);
            window = MINUTE;
        } else {
            return serveEvent.getResponseDefinition();
        }
        long now = System.nanoTime();
        long waitNanos;
        synchronized (this) {
            Deque<Long> times = served.computeIfAbsent(line, k -> new ArrayDeque<>());
            while (!times.isEmpty() && now - times.peekFirst() >= window.toNanos()) {
                times.removeFirst();
            }
            if (times.size() < limit) {
                times.addLast(now);
                return serveEvent.getResponseDefinition();
            }
            waitNanos = times.peekFirst() + window.toNanos() - now;
        }
        refused.incrementAndGet();
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new ResponseDefinitionBuilder().withStatus(429)
                .withHeader("Retry-After", Long.toString(seconds))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error\":\"ratelimited\"}").build();
    }
}
