package dev.sitrep.discord;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rate-limit headers of every answer JDA gets
 * (https://discord.com/developers/docs/topics/rate-limits#header-format: {@code X-RateLimit-Limit},
 * {@code -Remaining}, {@code -Reset-After}), per route and top-level resource, and counts the 429s.
 * JDA itself queues each bucket's requests and waits by these headers and by {@code Retry-After}
 * (its {@code SequentialRestRateLimiter}), so nothing here waits or paces: pacing twice would only
 * add delay. This is only so sitrep can tell a person where their call stands in JDA's line
 * ({@link #wait(String, String, int)}).
 */
public final class RateLimitWatch implements Interceptor {

    /** What the last answer of one route said: its limit, what remained, and when it resets. */
    private record Seen(int limit, int remaining, long resetAtMillis, long windowMillis) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong rateLimited = new AtomicLong();
    private final Clock clock;

    public RateLimitWatch() {
        this(Clock.systemUTC());
    }

    RateLimitWatch(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        if (response.code() == 429) {
            rateLimited.incrementAndGet();
        }
        note(request.method(), request.url().encodedPath(), response.header("X-RateLimit-Limit"),
                response.header("X-RateLimit-Remaining"), response.header("X-RateLimit-Reset-After"));
        return response;
    }

    /** 429s Discord answered JDA since the start (JDA waited each out; none failed a call). */
    public long rateLimitsMet() {
        return rateLimited.get();
    }

    void note(String method, String path, @Nullable String limit, @Nullable String remaining,
              @Nullable String resetAfter) {
        if (limit == null || remaining == null || resetAfter == null) {
            return;
        }
        try {
            int most = Integer.parseInt(limit.trim());
            int left = Integer.parseInt(remaining.trim());
            long after = (long) Math.ceil(Double.parseDouble(resetAfter.trim()) * 1000);
            long now = clock.millis();
            // The window's length is what Reset-After says right after it began (one used, the rest left).
            seen.merge(method + " " + path, new Seen(most, left, now + after, left >= most - 1 ? after : 0),
                    (before, next) -> new Seen(next.limit(), next.remaining(), next.resetAtMillis(),
                            Math.max(before.windowMillis(), next.windowMillis())));
        } catch (NumberFormatException e) {
            // Not Discord's shapes: nothing learnt.
        }
    }

    /**
     * About how long a call to {@code method path} waits when it is {@code place}th in its line (1 =
     * next), from the route's last answer: empty when the bucket still has room for it (or nothing is
     * known yet and it is next).
     */
    public Optional<Duration> wait(String method, String pathEnd, int place) {
        Seen last = null;
        for (Map.Entry<String, Seen> entry : seen.entrySet()) {
            if (entry.getKey().startsWith(method + " ") && entry.getKey().endsWith(pathEnd)) {
                last = entry.getValue();
            }
        }
        int ahead = place - 1;
        if (last == null) {
            // Not met yet: nothing to say of a wait (JDA sends one at a time until it learns the bucket).
            return Optional.empty();
        }
        long now = clock.millis();
        long window = Math.max(last.windowMillis(), Math.max(0, last.resetAtMillis() - now));
        int remaining = last.remaining();
        long untilReset = last.resetAtMillis() - now;
        if (untilReset <= 0) {
            // The window is over: a fresh one begins with the next call and ends a window later.
            remaining = last.limit();
            untilReset = window;
        }
        if (ahead < remaining) {
            return Optional.empty();
        }
        long rounds = (ahead - remaining) / Math.max(1, last.limit());
        return Optional.of(Duration.ofMillis(untilReset + rounds * window));
    }
}
