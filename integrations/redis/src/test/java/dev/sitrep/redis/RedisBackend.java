package dev.sitrep.redis;

import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.RecordingPlatform;
import java.time.Duration;

/** The engine harness on the shared test Redis: each replica its own connection, as in production. */
final class RedisBackend {

    /**
     * Retries whose wait (a 1 ms TTL on the effect's key) is over before the next tick: for the
     * tests about what the next tick does with an effect that failed, not about the wait.
     */
    static final EffectRetries NEXT_TICK = new EffectRetries(1000, Duration.ofMillis(1), Duration.ofMillis(1));

    private RedisBackend() {
    }

    /**
     * Waits until the {@link #NEXT_TICK} holds under {@code keys} have run out. Their 1 ms is Redis's
     * wall clock, not the tests' clock: a tick right after the failure can come within it (CI saw
     * exactly that), and would find the key still held.
     */
    static void awaitFailureHoldsOver(RedisKeys keys) {
        var redis = TestRedis.connect();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shortHoldLeft(redis, keys)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a 1 ms hold on an effect's key was still there after 5 s");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean shortHoldLeft(org.springframework.data.redis.core.StringRedisTemplate redis, RedisKeys keys) {
        for (String key : redis.keys(keys.idempotency("*"))) {
            Long left = redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (left != null && left >= 0 && left <= NEXT_TICK.longestWait().toMillis()
                    && "pending".equals(redis.opsForValue().get(key))) {
                return true;
            }
        }
        return false;
    }

    static EngineHarness.Backend on(RedisKeys keys) {
        var redis = TestRedis.connect();
        RedisDueTimers timers = new RedisDueTimers(redis, keys, EngineHarness.TIMER_LEASE);
        return new EngineHarness.Backend(new RedisIncidentStore(redis, keys), timers,
                new RedisIdempotencyKeys(redis, keys), timers::dueOf);
    }

    /** A fresh replica with the scenarios' members and settings, on keys of its own. */
    static EngineHarness fresh() {
        return EngineHarness.fresh(clock -> on(TestRedis.freshKeys()));
    }

    /** One replica of several sharing {@code keys}, the clock and the chat platform. */
    static EngineHarness replica(RedisKeys keys, MutableClock clock, RecordingPlatform platform, EngineSettings settings) {
        return new EngineHarness(on(keys), clock, platform, settings);
    }
}
