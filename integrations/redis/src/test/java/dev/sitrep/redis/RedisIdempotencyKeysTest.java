package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.testkit.IdempotencyKeysContract;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The keys' contract on a real Redis, whose holds run out on the wall clock (the suite waits for
 * the key to vanish), and what only Redis has: "pending" and "done" strings with a TTL.
 */
class RedisIdempotencyKeysTest extends IdempotencyKeysContract {

    private final StringRedisTemplate redis = TestRedis.client(0);
    private final PortClients<IdempotencyKeys> clients = new PortClients<>();

    @Override
    protected IdempotencyKeys newKeys() {
        return clients.fresh(RedisIdempotencyKeys::new);
    }

    @Override
    protected IdempotencyKeys anotherClientOf(IdempotencyKeys keys) {
        return clients.anotherClientOf(keys);
    }

    /** Redis expires the key itself; EXISTS answers false from the moment it has run out. */
    @Override
    protected void runOut(String key, Duration ttl) {
        String stored = clients.keysOf(keys).idempotency(key);
        Instant deadline = Instant.now().plus(ttl).plusSeconds(10);
        while (Boolean.TRUE.equals(redis.hasKey(stored))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(stored + " did not expire within " + ttl + " and 10 s more");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aKeyIsAPendingThenDoneStringWithItsTtl() {
        String stored = clients.keysOf(keys).idempotency("post:1");
        assertThat(keys.begin("post:1", Duration.ofSeconds(20))).isTrue();
        assertThat(redis.opsForValue().get(stored)).isEqualTo("pending");
        assertThat(redis.getExpire(stored, TimeUnit.MILLISECONDS)).isBetween(1L, 20_000L);

        keys.complete("post:1", Duration.ofDays(2));
        assertThat(redis.opsForValue().get(stored)).isEqualTo("done");
        assertThat(redis.getExpire(stored, TimeUnit.SECONDS)).isBetween(Duration.ofDays(2).minusMinutes(1).toSeconds(),
                Duration.ofDays(2).toSeconds());
    }
}
