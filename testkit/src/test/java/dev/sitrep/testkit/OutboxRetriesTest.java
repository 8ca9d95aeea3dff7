package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EffectRetries;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link OutboxRetriesContract} in memory: the keys follow the harness's clock, moved by hand. */
class OutboxRetriesTest extends OutboxRetriesContract {

    @Override
    protected EffectRetries retries() {
        return new EffectRetries(4, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Override
    protected EngineHarness replica(EffectRetries retries) {
        MutableClock clock = new MutableClock(EngineHarness.T0);
        return new EngineHarness(EngineHarness.Backend.inMemory(clock), clock,
                new RecordingPlatform("console", Set.of("alice", "bob", "carol", "dave", "root")),
                EngineHarness.settings().withEffectRetries(retries));
    }

    @Override
    protected void waitOut(String effectKey, Duration wait) {
        h.clock.advance(wait);
    }

    /** One millisecond short of its wait, a failed effect is not tried: the wait is exact. */
    @Test
    void theWaitIsHeldToTheMillisecond() {
        h.run("alice", EngineHarness.GENERAL, "start Checkout errors sev2");
        h.platform.refuse("topic", "not_in_channel");
        h.run("alice", h.channelOf(1), "status identified");
        h.clock.advance(Duration.ofSeconds(10).minusMillis(1));
        h.keeper.tick();
        assertThat(h.platform.refused("topic")).isEqualTo(1);
        h.clock.advance(Duration.ofMillis(1));
        h.keeper.tick();
        assertThat(h.platform.refused("topic")).isEqualTo(2);
    }

    @Test
    void waitsDoubleUpToTheLongestAndTheDefaultsTryEightTimes() {
        EffectRetries retries = EffectRetries.DEFAULTS;
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> retries.waitAfter(n).toSeconds()).toList())
                .containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L);
        assertThat(retries.exhausted(7)).isFalse();
        assertThat(retries.exhausted(8)).isTrue();
    }
}
