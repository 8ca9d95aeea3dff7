package dev.sitrep.redis.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.SetupProgress.Step;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.redis.RedisDueTimers;
import dev.sitrep.redis.RedisIdempotencyKeys;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.redis.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A start whose kick-off (or announcement) went out while Redis failed to record it: the same start
 * run again finds the message on the platform by its idempotency key instead of posting it twice.
 */
class StartAfterFailedWriteTest {

    private static final StringRedisTemplate REDIS = TestRedis.connect();
    private static final ChannelRef GENERAL = new ChannelRef("console", "C-general", "general");
    private static final Member ALICE = new Member("console", "alice", "alice");

    private final RedisKeys keys = TestRedis.freshKeys();
    private final RedisIncidentStore store = new RedisIncidentStore(REDIS, keys);
    private final LedgerPlatform chat = new LedgerPlatform(Set.of("alice"), new CrashPoints());

    @Test
    void aKickoffWhoseRecordingFailedIsNotPostedAgainByTheRerun() {
        IncidentEngine engine = engineFailingOnce(c -> c.before() != null && !c.before().setup().has(Step.KICKOFF)
                && c.after().setup().has(Step.KICKOFF));
        start(engine);
        assertThat(store.find(new IncidentId(1)).orElseThrow().setup().has(Step.KICKOFF)).isFalse();
        assertThat(posted("kickoff")).isEqualTo(1);

        start(engine);
        assertThat(posted("kickoff")).isEqualTo(1);
        assertThat(posted("announcement")).isEqualTo(1);
        assertThat(store.find(new IncidentId(1)).orElseThrow().setup().has(Step.KICKOFF)).isTrue();
    }

    @Test
    void anAnnouncementWhoseRecordingFailedIsNotPostedAgainByTheRerun() {
        IncidentEngine engine = engineFailingOnce(c -> c.before() != null
                && !c.before().setup().has(Step.ANNOUNCEMENT) && c.after().setup().has(Step.ANNOUNCEMENT));
        start(engine);
        assertThat(posted("announcement")).isEqualTo(1);
        assertThat(store.find(new IncidentId(1)).orElseThrow().setup().complete()).isFalse();

        start(engine);
        assertThat(posted("announcement")).isEqualTo(1);
        assertThat(posted("kickoff")).isEqualTo(1);
        assertThat(store.find(new IncidentId(1)).orElseThrow().setup().complete()).isTrue();
    }

    private IncidentEngine engineFailingOnce(Predicate<Change> change) {
        boolean[] failed = {false};
        Predicate<Change> once = c -> {
            if (!failed[0] && change.test(c)) {
                failed[0] = true;
                return true;
            }
            return false;
        };
        Ports ports = new Ports(FaultyPorts.store(store, new CrashPoints(), once),
                new RedisDueTimers(REDIS, keys, Duration.ofSeconds(30)), new RedisIdempotencyKeys(REDIS, keys),
                List.of(chat), List.of(), new MutableClock(Instant.parse("2026-11-23T10:00:00Z")), EngineObserver.NONE);
        return new IncidentEngine(new EngineSettings(Map.of(), 2, "inc", Set.of(), EngineSettings.DEFAULT_ROLES,
                EngineSettings.DEFAULT_UPDATE_ROLES, EngineSettings.DEFAULT_POSTMORTEM_DUE, false), ports);
    }

    private void start(IncidentEngine engine) {
        engine.execute(new Invocation(GENERAL, ALICE), "start Checkout errors sev1");
    }

    private long posted(String template) {
        return chat.seen().stream().filter(s -> s.message() && s.what().equals(template)).count();
    }
}
