package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.OutboxRetriesContract;
import dev.sitrep.testkit.RecordingPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link OutboxRetriesContract} on a real Redis: the wait between tries is the effect's key held
 * with a TTL, so it runs out on the wall clock (the suite waits for the key to vanish), and a
 * second replica on the same Redis honours it too.
 */
class RedisOutboxRetriesTest extends OutboxRetriesContract {

    private final StringRedisTemplate redis = TestRedis.client(0);
    private RedisKeys keys;

    @Override
    protected EffectRetries retries() {
        return new EffectRetries(3, Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Override
    protected EngineHarness replica(EffectRetries retries) {
        keys = TestRedis.freshKeys();
        return RedisBackend.replica(keys, new MutableClock(EngineHarness.T0),
                new RecordingPlatform("console", Set.of("alice", "bob", "carol", "dave", "root")),
                EngineHarness.settings().withEffectRetries(retries));
    }

    @Override
    protected void waitOut(String effectKey, Duration wait) {
        h.clock.advance(wait);
        String stored = keys.idempotency(effectKey);
        Instant deadline = Instant.now().plus(wait).plusSeconds(10);
        while (Boolean.TRUE.equals(redis.hasKey(stored))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(stored + " was still held " + wait + " and 10 s later");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void theWaitIsTheKeyHeldWithItsTtlAndTheCountIsKeptBesideIt() {
        h.run("alice", EngineHarness.GENERAL, "start Checkout errors sev2");
        h.platform.refuse("topic", "not_in_channel");
        h.run("alice", h.channelOf(1), "status identified");
        String key = h.store.pendingEffects(INC_1).stream().filter(e -> e instanceof Effect.SetTopic)
                .map(Effect::key).findFirst().orElseThrow();

        assertThat(redis.opsForValue().get(keys.idempotency(key))).isEqualTo("pending");
        assertThat(redis.getExpire(keys.idempotency(key), TimeUnit.MILLISECONDS)).isBetween(1L, 200L);
        assertThat(redis.opsForValue().get(keys.idempotency("failures:" + key))).isEqualTo("1");
        assertThat(redis.getExpire(keys.idempotency("failures:" + key), TimeUnit.HOURS)).isBetween(47L, 48L);
    }

    @Test
    void anotherReplicaDoesNotTryBeforeTheWaitIsOver() {
        EffectRetries minute = new EffectRetries(3, Duration.ofMinutes(1), Duration.ofMinutes(1));
        EngineHarness first = replica(minute);
        first.run("alice", EngineHarness.GENERAL, "start Checkout errors sev2");
        first.platform.refuse("topic", "not_in_channel");
        first.run("alice", first.channelOf(1), "status identified");
        EngineHarness second = RedisBackend.replica(keys, first.clock, first.platform, EngineHarness.settings()
                .withEffectRetries(minute));
        second.keeper.tick();
        second.keeper.tick();
        assertThat(first.platform.refused("topic")).isEqualTo(1);
        assertThat(second.store.withPendingEffects()).as("still waiting, not given up").isNotEmpty();
    }
}
