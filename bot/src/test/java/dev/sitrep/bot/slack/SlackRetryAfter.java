package dev.sitrep.bot.slack;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rate limit a test arms on one Web API method: its next call is answered HTTP 429 with
 * {@code Retry-After} in seconds and {@code {"ok":false,"error":"ratelimited"}}, and so is every call
 * before those seconds have passed, as Slack does ("wait the number of seconds in Retry-After before
 * retrying", https://api.slack.com/apis/rate-limits). A client that retries too early is refused again,
 * which a test sees in the number of calls instead of timing the client.
 */
final class SlackRetryAfter implements ResponseDefinitionTransformerV2 {

    private record Window(int seconds, long[] until) {
    }

    private final Map<String, Window> armed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> early = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "slack-retry-after";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    void arm(String method, int retryAfterSeconds) {
        armed.put(method, new Window(retryAfterSeconds, new long[] {-1}));
        early.put(method, new AtomicInteger());
    }

    void disarm(String method) {
        armed.remove(method);
    }

    /** Calls to {@code method} that came before its Retry-After had passed. */
    int earlyCalls(String method) {
        return early.getOrDefault(method, new AtomicInteger()).get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl();
        if (!path.startsWith("/api/")) {
            return serveEvent.getResponseDefinition();
        }
        String method = path.substring("/api/".length()).replaceFirst("\\?.*", "");
        Window window = armed.get(method);
        if (window == null) {
            return serveEvent.getResponseDefinition();
        }
        long now = System.nanoTime();
        synchronized (window) {
            if (window.until()[0] < 0) {
                window.until()[0] = now + window.seconds() * 1_000_000_000L;
                return tooManyRequests(window.seconds());
            }
            if (now < window.until()[0]) {
                early.get(method).incrementAndGet();
                return tooManyRequests((int) Math.max(1, (window.until()[0] - now + 999_999_999L) / 1_000_000_000L));
            }
        }
        return serveEvent.getResponseDefinition();
    }

    private static ResponseDefinition tooManyRequests(int seconds) {
        return new ResponseDefinitionBuilder().withStatus(429).withHeader("Retry-After", Integer.toString(seconds))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error\":\"ratelimited\"}").build();
    }
}
