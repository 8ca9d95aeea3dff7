package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.AlertGroups;
import dev.sitrep.testkit.AlertGroupsContract;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The alert groups' contract on a real Redis, and what only Redis has: the key, its TTL, the shared sequence. */
class RedisAlertGroupsTest extends AlertGroupsContract {

    private final StringRedisTemplate redis = TestRedis.client(0);
    private final PortClients<AlertGroups> clients = new PortClients<>();

    @Override
    protected AlertGroups newGroups() {
        return clients.fresh(RedisAlertGroups::new);
    }

    @Override
    protected AlertGroups anotherClientOf(AlertGroups groups) {
        return clients.anotherClientOf(groups);
    }

    @Override
    protected void runOut(Duration window) {
        String stored = clients.keysOf(groups).alertGroup("g1");
        Instant deadline = Instant.now().plus(window).plusSeconds(10);
        while (Boolean.TRUE.equals(redis.hasKey(stored))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(stored + " did not expire");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aTieIsTheIncidentNumberWithTheWindowAsTtlAndNumbersComeFromTheIncidentSequence() {
        RedisKeys keys = clients.keysOf(groups);
        RedisIncidentStore store = new RedisIncidentStore(redis, keys);
        IncidentId before = store.nextId();
        IncidentId claimed = groups.claim("g1", Duration.ofMinutes(10), null).incident();
        assertThat(claimed.number()).isEqualTo(before.number() + 1);
        assertThat(store.nextId().number()).as("the store's next id skips the claimed one").isEqualTo(claimed.number() + 1);
        assertThat(redis.opsForValue().get(keys.alertGroup("g1"))).isEqualTo(Long.toString(claimed.number()));
        assertThat(redis.getExpire(keys.alertGroup("g1"), TimeUnit.SECONDS)).isBetween(590L, 600L);
    }
}
