package dev.sitrep.testkit;

import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Idempotency keys in memory with the Redis keys' semantics: "pending" for its hold, "done" for its
 * keep, then gone. Expiry follows the given clock (a {@link MutableClock} in tests), where Redis's
 * follows the wall clock: a test moves time by hand and sees a dead holder's key run out.
 */
public final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private record Held(boolean done, Instant until) {
    }

    private record Failures(int count, Instant until) {
    }

    private final Map<String, Held> keys = new HashMap<>();
    private final Map<String, Failures> failures = new HashMap<>();
    private final Clock clock;

    public InMemoryIdempotencyKeys(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean begin(String key, Duration hold) {
        if (live(key) != null) {
            return false;
        }
        keys.put(key, new Held(false, expiry(hold)));
        return true;
    }

    @Override
    public synchronized boolean isDone(String key) {
        Held held = live(key);
        return held != null && held.done();
    }

    @Override
    public synchronized void complete(String key, Duration keep) {
        keys.put(key, new Held(true, expiry(keep)));
    }

    @Override
    public synchronized void abandon(String key) {
        keys.remove(key);
    }

    @Override
    public synchronized void holdAfterFailure(String key, Duration wait) {
        Held held = live(key);
        if (held == null || !held.done()) {
            keys.put(key, new Held(false, expiry(wait)));
        }
    }

    @Override
    public synchronized int failed(String key, Duration keep) {
        Failures before = failures.get(key);
        int count = before == null || !clock.instant().isBefore(before.until()) ? 1 : before.count() + 1;
        failures.put(key, new Failures(count, expiry(keep)));
        return count;
    }

    private Held live(String key) {
        Held held = keys.get(key);
        if (held != null && !clock.instant().isBefore(held.until())) {
            keys.remove(key);
            return null;
        }
        return held;
    }

    /** Redis refuses a non-positive expiry (SET … PX 0 is an error), and so does this. */
    private Instant expiry(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("an expiry must be positive: " + ttl);
        }
        return clock.instant().plus(ttl);
    }
}
