package dev.sitrep.discord;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A route rate limit a test arms: the next request to the path is answered HTTP 429 with
 * {@code {"message":"You are being rate limited.","retry_after":S,"global":false}} and every request
 * to it within those S seconds is answered 429 again, as Discord does ("retry_after: the number of
 * seconds to wait before submitting another request",
 * https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit). A client that
 * retries too early is refused again, which a test sees in the requests instead of timing the client.
 */
final class DiscordRetryAfter implements ResponseDefinitionTransformerV2 {

    private volatile String path;
    private double seconds;
    private long until = -1;
    private final AtomicInteger early = new AtomicInteger();

    @Override
    public String getName() {
        return "discord-retry-after";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    synchronized void arm(String path, double seconds) {
        this.path = path;
        this.seconds = seconds;
        this.until = -1;
        early.set(0);
    }

    /** Requests to the armed path that came before its retry_after had passed. */
    int earlyRequests() {
        return early.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        if (path == null || !serveEvent.getRequest().getUrl().startsWith(path)) {
            return serveEvent.getResponseDefinition();
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (until < 0) {
                until = now + (long) (seconds * 1e9);
                return tooManyRequests(seconds);
            }
            if (now < until) {
                early.incrementAndGet();
                return tooManyRequests((until - now) / 1e9);
            }
        }
        return serveEvent.getResponseDefinition();
    }

    private static ResponseDefinition tooManyRequests(double seconds) {
        return new ResponseDefinitionBuilder().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(String.format(Locale.ROOT,
                        "{\"message\":\"You are being rate limited.\",\"retry_after\":%.3f,\"global\":false}", seconds))
                .build();
    }
}
