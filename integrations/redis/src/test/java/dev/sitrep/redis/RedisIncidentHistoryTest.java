package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Recent incidents for the dashboard, read back from the id sequence on a real redis-server. */
class RedisIncidentHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member ALICE = new Member("console", "alice", "alice");

    private final RedisKeys keys = TestRedis.freshKeys();
    private final StringRedisTemplate redis = TestRedis.connect();
    private final RedisIncidentStore store = new RedisIncidentStore(redis, keys);
    private final RedisIncidentHistory history = new RedisIncidentHistory(redis, keys, store);

    @Test
    void newestFirstOpenOrResolvedSkippingIdsWhoseIncidentWasNeverStored() {
        assertThat(history.recent(10)).isEmpty();
        Incident first = store.create(declared(store.nextId(), "first"));
        store.nextId(); // taken by a start that failed before it stored anything
        Incident third = store.create(declared(store.nextId(), "third"));
        store.replace(third, third.resolved("fixed", T0.plusSeconds(60)));
        Incident fourth = store.create(declared(store.nextId(), "fourth"));

        assertThat(history.recent(10)).extracting(Incident::title).containsExactly("fourth", "third", "first");
        assertThat(history.recent(2)).extracting(Incident::id).containsExactly(fourth.id(), third.id());
        assertThat(history.recent(10).get(1).isOpen()).isFalse();
        assertThat(first.id()).isEqualTo(new IncidentId(1));
    }

    private static Incident declared(IncidentId id, String title) {
        return Incident.declare(id, title, Severity.SEV2, false, ALICE, T0, Duration.ofMinutes(30));
    }
}
