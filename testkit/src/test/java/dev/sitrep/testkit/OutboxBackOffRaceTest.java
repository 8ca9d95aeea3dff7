package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A failed effect's key is held for its back-off wait in the same step that the failed try gives
 * it up ({@link IdempotencyKeys#holdAfterFailure}). Given back first and taken again after, another
 * replica that drains between the two takes the effect at once, and the wait is not kept. Here a
 * second replica drains right after every key write of the failing one, which is the worst moment
 * it could pick.
 */
class OutboxBackOffRaceTest {

    private static final EffectRetries RETRIES = new EffectRetries(4, Duration.ofSeconds(10), Duration.ofSeconds(30));

    /**
     * The failing replica's keys: from its first counted failure on, the rival replica drains after
     * each of its key writes (twice: see ReminderKeeper's ripe keys). Before, it would only carry
     * out the effects first, which any replica may.
     */
    private static final class RivalDrainsBetween implements IdempotencyKeys {
        private final IdempotencyKeys shared;
        final List<String> writes = new ArrayList<>();
        EngineHarness rival;
        /** Set once a failure is counted: from then on, until the test ends, the rival drains after each write. */
        private boolean afterAFailure;
        private boolean draining;

        RivalDrainsBetween(IdempotencyKeys shared) {
            this.shared = shared;
        }

        private void rivalDrains(String write) {
            writes.add(write);
            if (write.startsWith("failed ")) {
                afterAFailure = true;
            }
            if (rival == null || !afterAFailure || draining) {
                return;
            }
            draining = true;
            try {
                rival.keeper.tick();
                rival.keeper.tick();
            } finally {
                draining = false;
            }
        }

        @Override
        public boolean begin(String key, Duration hold) {
            boolean taken = shared.begin(key, hold);
            rivalDrains("begin " + key);
            return taken;
        }

        @Override
        public boolean isDone(String key) {
            return shared.isDone(key);
        }

        @Override
        public void complete(String key, Duration keep) {
            shared.complete(key, keep);
            rivalDrains("complete " + key);
        }

        @Override
        public Attempt beginAttempt(String key, Duration hold, String attemptKey, Duration keep) {
            Attempt attempt = shared.beginAttempt(key, hold, attemptKey, keep);
            rivalDrains("beginAttempt " + key);
            return attempt;
        }

        @Override
        public void abandon(String key) {
            shared.abandon(key);
            rivalDrains("abandon " + key);
        }

        @Override
        public void holdAfterFailure(String key, Duration wait) {
            shared.holdAfterFailure(key, wait);
            rivalDrains("holdAfterFailure " + key);
        }

        @Override
        public int failed(String key, Duration keep) {
            int count = shared.failed(key, keep);
            rivalDrains("failed " + key);
            return count;
        }
    }

    @Test
    void noReplicaTriesAFailedEffectBeforeItsWaitIsOver() {
        MutableClock clock = new MutableClock(EngineHarness.T0);
        EngineHarness.Backend shared = EngineHarness.Backend.inMemory(clock);
        RivalDrainsBetween keys = new RivalDrainsBetween(shared.once());
        RecordingPlatform platform = new RecordingPlatform("console", Set.of("alice", "bob"));
        EngineSettings settings = EngineHarness.settings().withEffectRetries(RETRIES);
        EngineHarness failing = new EngineHarness(new EngineHarness.Backend(shared.store(), shared.timers(), keys,
                shared.dueOf()), clock, platform, settings);

        failing.run("alice", GENERAL, "start Checkout errors sev2");
        ChannelRef channel = failing.channelOf(1);
        keys.rival = new EngineHarness(shared, clock, platform, settings);
        platform.refuse("topic", "Slack conversations.setTopic failed: not_in_channel");
        keys.writes.clear();
        failing.run("alice", channel, "status identified");

        String topic = failing.store.pendingEffects(new IncidentId(1)).stream().filter(e -> e instanceof Effect.SetTopic)
                .map(Effect::key).findFirst().orElseThrow(() -> new AssertionError("no topic waiting in the outbox"));
        assertThat(keys.writes).as("the rival drained after the failing replica's key writes")
                .contains("failed " + topic);
        assertThat(platform.refused("topic")).as("tried once; nobody tried again inside the 10 s wait").isEqualTo(1);

        clock.advance(RETRIES.waitAfter(1).minusMillis(1));
        keys.rival.keeper.tick();
        keys.rival.keeper.tick();
        assertThat(platform.refused("topic")).as("still waiting, a millisecond short").isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        keys.rival.keeper.tick();
        keys.rival.keeper.tick();
        assertThat(platform.refused("topic")).as("tried again once the wait is over").isEqualTo(2);
    }
}
