package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.DueTimers.ClaimedTimer;
import dev.sitrep.testkit.DueTimersContract;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The timers' contract on a real Redis (each client its own connection), and what only the Redis
 * timers have: one sorted set scored in epoch millis, read by {@code dueOf} and {@code armed}.
 */
class RedisDueTimersTest extends DueTimersContract {

    private final StringRedisTemplate redis = TestRedis.client(0);
    private int clients;
    private final Map<DueTimers, MadeWith> madeWith = new IdentityHashMap<>();

    private record MadeWith(RedisKeys keys, Duration lease) {
    }

    @Override
    protected DueTimers newTimers(Duration lease) {
        RedisKeys fresh = TestRedis.freshKeys();
        DueTimers created = new RedisDueTimers(TestRedis.client(0), fresh, lease);
        madeWith.put(created, new MadeWith(fresh, lease));
        return created;
    }

    @Override
    protected DueTimers anotherClientOf(DueTimers timers) {
        MadeWith of = madeWith.get(timers);
        return new RedisDueTimers(TestRedis.client(1 + clients++ % 2), of.keys(), of.lease());
    }

    @Test
    void timersAreOneSortedSetScoredByDueTimeThenLeaseExpiry() {
        RedisKeys keys = madeWith.get(timers).keys();
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
