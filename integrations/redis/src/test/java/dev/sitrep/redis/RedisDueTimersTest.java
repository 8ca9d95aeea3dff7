package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.DueTimers.ClaimedTimer;
import dev.sitrep.testkit.DueTimersContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The timers' contract on a real Redis (each client its own connection), and what only the Redis
 * timers have: one sorted set scored in epoch millis, read by {@code dueOf} and {@code armed}.
 */
class RedisDueTimersTest extends DueTimersContract {

    private final StringRedisTemplate redis = TestRedis.client(0);
    private final PortClients<DueTimers> clients = new PortClients<>();

    @Override
    protected DueTimers newTimers(Duration lease) {
        return clients.fresh((client, keys) -> new RedisDueTimers(client, keys, lease));
    }

    @Override
    protected DueTimers anotherClientOf(DueTimers timers) {
        return clients.anotherClientOf(timers);
    }

    @Test
    void timersAreOneSortedSetScoredByDueTimeThenLeaseExpiry() {
        RedisKeys keys = clients.keysOf(timers);
        RedisDueTimers redisTimers = (RedisDueTimers) timers;
        timers.arm(new IncidentId(1), NOW);
        timers.arm(new IncidentId(2), NOW.plusSeconds(60));
        assertThat(redis.opsForZSet().score(keys.timers(), "1")).isEqualTo((double) NOW.toEpochMilli());
        assertThat(redisTimers.armed()).isEqualTo(2);

        ClaimedTimer claim = timers.claimDue(NOW, 10).get(0);
        assertThat(redis.opsForZSet().score(keys.timers(), "1")).isEqualTo((double) claim.lease());
        assertThat(redisTimers.dueOf(new IncidentId(1))).isEqualTo(NOW.plus(LEASE));
        timers.release(claim, null);
        assertThat(redisTimers.dueOf(new IncidentId(1))).isNull();
        assertThat(redisTimers.armed()).isEqualTo(1);
        assertThat(redis.keys(keys.prefix() + "*")).containsExactly(keys.timers());
    }
}
