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

    /**
     * A route (method and path: one per channel, guild, message) not answered for this long after its
     * window reset is forgotten: otherwise one entry stays for every channel ever posted to. A route
     * forgotten is as one never met, whose wait is learnt again from its next answer.
     */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** How often the routes are swept of forgotten ones (one sweep reads them all). */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);
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
            sweep(now);
            // The window's length is what Reset-After says right after it began (one used, the rest left).
            seen.merge(method + " " + path, new Seen(most, left, now + after, left >= most - 1 ? after : 0),
                    (before, next) -> new Seen(next.limit(), next.remaining(), next.resetAtMillis(),
                            Math.max(before.windowMillis(), next.windowMillis())));
        } catch (NumberFormatException e) {
            // Not Discord's shapes: nothing learnt.
        }
    }

    /** Forgets the routes whose window reset more than {@link #FORGET_AFTER} ago, at most once per {@link #SWEEP_EVERY}. */
    private void sweep(long now) {
        long due = nextSweepMillis.get();
        if (now < due || !nextSweepMillis.compareAndSet(due, now + SWEEP_EVERY.toMillis())) {
            return;
        }
        long horizon = now - FORGET_AFTER.toMillis();
        seen.values().removeIf(route -> route.resetAtMillis() < horizon);
    }

    /** How many routes are remembered now. */
    int routes() {
        return seen.size();
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
