package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static dev.sitrep.testkit.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hold on a side effect's key ({@link EngineSettings#effectHold()}): a replica that dies after
 * its post but before marking it done keeps the key that long, and not a moment longer, before
 * another replica carries the effect out from the outbox.
 */
class EffectHoldTest {

    /** Stands for the death of the replica (an Error, so nothing on the way gives the key back). */
    private static final class ReplicaDied extends Error {
        ReplicaDied() {
            super("the replica died after its post, before marking it done");
        }
    }

    /** The replica's keys: they die on the next {@code complete} once {@link #dieOnComplete} is set. */
    private static final class DyingKeys implements IdempotencyKeys {
        private final IdempotencyKeys shared;
        volatile boolean dieOnComplete;

        DyingKeys(IdempotencyKeys shared) {
            this.shared = shared;
        }

        @Override
        public boolean begin(String key, Duration hold) {
            return shared.begin(key, hold);
        }

        @Override
        public boolean isDone(String key) {
            return shared.isDone(key);
        }

        @Override
        public void complete(String key, Duration keep) {
            if (dieOnComplete) {
                throw new ReplicaDied();
            }
            shared.complete(key, keep);
        }

        @Override
        public void abandon(String key) {
            shared.abandon(key);
        }

        @Override
        public void holdAfterFailure(String key, Duration wait) {
            shared.holdAfterFailure(key, wait);
        }

        @Override
        public int failed(String key, Duration keep) {
            return shared.failed(key, keep);
        }
    }

    @Test
    void theDefaultHoldIsTwentySeconds() {
        assertThat(EngineHarness.settings().effectHold()).isEqualTo(Duration.ofSeconds(20));
        assertThat(EngineSettings.defaults().effectHold()).isEqualTo(EngineSettings.DEFAULT_EFFECT_HOLD);
    }

    @Test
    void aHoldUnderOneSecondIsRefused() {
        assertThatThrownBy(() -> EngineHarness.settings().withEffectHold(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("effect hold");
    }

    @Test
    void anotherReplicaCarriesTheEffectOutExactlyWhenTheConfiguredHoldRunsOut() {
        assertEffectLeftForExactly(Duration.ofSeconds(3));
    }

    @Test
    void withTheDefaultHoldTheEffectWaitsTwentySeconds() {
        assertEffectLeftForExactly(EngineSettings.DEFAULT_EFFECT_HOLD);
    }

    private static void assertEffectLeftForExactly(Duration hold) {
        MutableClock clock = new MutableClock(T0);
        EngineHarness.Backend shared = EngineHarness.Backend.inMemory(clock);
        DyingKeys dying = new DyingKeys(shared.once());
        RecordingPlatform platform = new RecordingPlatform("console", Set.of("alice", "bob"));
        EngineSettings settings = EngineHarness.settings();
        if (!hold.equals(EngineSettings.DEFAULT_EFFECT_HOLD)) {
            settings = settings.withEffectHold(hold);
        }
        EngineHarness dies = new EngineHarness(new EngineHarness.Backend(shared.store(), shared.timers(), dying,
                shared.dueOf()), clock, platform, settings);
        EngineHarness survives = new EngineHarness(shared, clock, platform, settings);

        dies.run("alice", GENERAL, "start Checkout errors sev1");
        ChannelRef channel = dies.channelOf(1);
        platform.clear();
        dying.dieOnComplete = true;
        assertThatThrownBy(() -> dies.run("alice", channel, "update confirmed: checkout returns 502"))
                .isInstanceOf(ReplicaDied.class);
        assertThat(updatesIn(platform, channel)).as("posted before the replica died").hasSize(1);
        assertThat(dies.store.withPendingEffects()).as("never marked done").isNotEmpty();

        clock.advance(hold.minusMillis(1));
        survives.keeper.tick();
        survives.keeper.tick();
        assertThat(survives.store.withPendingEffects()).as("still held by the dead replica").isNotEmpty();
        assertThat(updatesIn(platform, channel)).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        survives.keeper.tick();
        assertThat(survives.store.withPendingEffects()).as("carried out once the hold ran out").isEmpty();
        // The console cannot tell whether the dead replica's post went out (alreadyPosted answers false),
        // so it is posted again: the hold is what a platform that can tell (Slack, Discord) is asked after.
        assertThat(updatesIn(platform, channel)).hasSize(2);
    }

    /** The update posts in the incident's channel (not its other effects, such as the broadcast). */
    private static List<RecordingPlatform.Sent> updatesIn(RecordingPlatform platform, ChannelRef channel) {
        return platform.sent().stream().filter(s -> s.message() instanceof Messages.UpdatePosted)
                .filter(s -> s.where().equals("#" + channel.name())).toList();
    }
}
