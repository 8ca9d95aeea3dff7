package dev.sitrep.redis;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static dev.sitrep.testkit.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.RecordingPlatform;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine on a real Redis, for what the in-memory scenarios (testkit's {@code EngineScenarioTest})
 * cannot prove: the Lua scripts and the stored JSON under real commands, and a replica restarted
 * mid-incident carrying on from what Redis holds. Replicas racing are {@link TwoSchedulersTest}'s.
 */
class RedisEngineTest {

    private final RedisKeys keys = TestRedis.freshKeys();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingPlatform chat = new RecordingPlatform("console", Set.of("alice", "bob"));
    private final EngineSettings settings = EngineSettings.defaults().withEffectRetries(RedisBackend.NEXT_TICK);

    @Test
    void aReplicaRestartedMidIncidentCarriesOnFromWhatRedisHolds() {
        EngineHarness first = RedisBackend.replica(keys, clock, chat, settings);
        first.run("alice", GENERAL, "start Checkout errors sev1");
        ChannelRef channel = first.channelOf(1);
        first.run("alice", channel, "role comms @bob");
        first.run("alice", channel, "action Add a canary stage @bob");
        clock.advance(Duration.ofMinutes(15));
        assertThat(first.keeper.tick()).isEqualTo(1);

        // The first replica is gone; a new one, with its own connections, starts on the same Redis.
        EngineHarness second = RedisBackend.replica(keys, clock, chat, settings);
        IncidentId id = new IncidentId(1);
        assertThat(second.incident(1)).isEqualTo(first.incident(1));
        assertThat(second.store.findByChannel(channel)).contains(first.incident(1));
        assertThat(second.incident(1).remindersSent()).isEqualTo(1);
        assertThat(second.dueOf(id)).isEqualTo(T0.plus(Duration.ofMinutes(30)));

        second.run("bob", channel, "update confirmed: still down | next: 10m");
        assertThat(second.dueOf(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(second.keeper.tick()).isEqualTo(1);
        assertThat(chat.sent(Messages.UpdateOverdue.class)).hasSize(2);
        assertThat(chat.sent(Messages.UpdatesEscalated.class)).isEmpty();

        second.run("alice", channel, "resolve");
        assertThat(second.store.open()).isEmpty();
        assertThat(second.store.timeline(id)).extracting(TimelineEntry::kind).containsSubsequence(
                TimelineEntry.Kind.DECLARED, TimelineEntry.Kind.ROLE, TimelineEntry.Kind.ACTION,
                TimelineEntry.Kind.REMINDER, TimelineEntry.Kind.UPDATE, TimelineEntry.Kind.REMINDER,
                TimelineEntry.Kind.RESOLVED);
        assertThat(chat.rejections()).isEmpty();
    }

    /** The claim and release scripts and the post keys, through the engine: a failed post is retried once. */
    @Test
    void aReminderWhosePostFailedIsPostedOnceAfterTheLease() {
        EngineHarness h = RedisBackend.replica(keys, clock, chat, settings);
        h.run("alice", GENERAL, "start Checkout errors sev1");
        chat.clear();
        clock.advance(Duration.ofMinutes(15));
        chat.failNextPosts(1);
        assertThat(h.keeper.tick()).isZero();
        assertThat(chat.sent(Messages.UpdateOverdue.class)).isEmpty();

        // Not lost: the next tick after the claim's lease posts it, once.
        RedisBackend.awaitFailureHoldsOver(keys);
        clock.advance(EngineHarness.TIMER_LEASE.plusSeconds(1));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.keeper.tick()).isZero();
        assertThat(chat.sent(Messages.UpdateOverdue.class)).hasSize(1);
        assertThat(h.store.timeline(new IncidentId(1))).filteredOn(e -> e.kind() == TimelineEntry.Kind.REMINDER)
                .hasSize(1);
    }
}
