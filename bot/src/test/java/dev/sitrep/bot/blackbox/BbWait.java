package dev.sitrep.bot.blackbox;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting on observable effects of the bot process (never fixed sleeps): polls a probe until it
 * yields a value, and fails with the given description and a dump of what was seen otherwise.
 */
final class BbWait {
    private BbWait() {
    }

    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; saw:\n" + seen.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static void untilTrue(String what, Duration timeout, Supplier<Boolean> condition, Supplier<String> seen) {
        until(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty(), seen);
    }
}
