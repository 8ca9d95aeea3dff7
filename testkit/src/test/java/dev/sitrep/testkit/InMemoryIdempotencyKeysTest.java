package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyKeysTest extends IdempotencyKeysContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Override
    protected IdempotencyKeys newKeys() {
        return new InMemoryIdempotencyKeys(clock);
    }

    @Override
    protected IdempotencyKeys anotherClientOf(IdempotencyKeys keys) {
        return keys;
    }

    @Override
    protected void runOut(String key, Duration ttl) {
        clock.advance(ttl);
    }

    /** Holds follow the given clock to the millisecond: a test that moves time sees exactly when a key frees. */
    @Test
    void aHoldEndsExactlyWhenItsTimeIsUp() {
        assertThat(keys.begin("k", Duration.ofSeconds(20))).isTrue();
        clock.advance(Duration.ofSeconds(20).minusMillis(1));
        assertThat(keys.begin("k", Duration.ofSeconds(20))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(keys.begin("k", Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void aHoldMustBePositive() {
        assertThatThrownBy(() -> keys.begin("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.begin("k", Duration.ofMillis(1))).isTrue();
    }
}
