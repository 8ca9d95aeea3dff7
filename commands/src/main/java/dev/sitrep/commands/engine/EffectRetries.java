package dev.sitrep.commands.engine;

import java.time.Duration;

/**
 * How the outbox tries a failed effect again: after the n-th failure it waits {@code firstWait}
 * doubled n-1 times (at most {@code longestWait}), and after {@code attempts} failures it gives the
 * effect up. A platform that refuses for good (a channel archived, the bot removed) would otherwise
 * be asked again on every tick for as long as sitrep runs.
 */
public record EffectRetries(int attempts, Duration firstWait, Duration longestWait) {

    /** 8 tries over about 21 minutes: 10s, 20s, 40s … 10m between them. */
    public static final EffectRetries DEFAULTS = new EffectRetries(8, Duration.ofSeconds(10), Duration.ofMinutes(10));

    public EffectRetries {
        if (attempts < 1) {
            throw new IllegalArgumentException("effect attempts must be at least 1, was " + attempts);
        }
        if (firstWait == null || firstWait.isNegative() || firstWait.isZero()) {
            throw new IllegalArgumentException("the first wait between effect attempts must be positive, was " + firstWait);
        }
        if (longestWait == null || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("the longest wait between effect attempts must be at least the first ("
                    + firstWait + "), was " + longestWait);
        }
    }

    /** The wait before trying again after {@code failures} failures (1 or more). */
    public Duration waitAfter(int failures) {
        Duration wait = firstWait;
        for (int i = 1; i < failures && wait.compareTo(longestWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }

    /** Whether {@code failures} failures use up the attempts. */
    public boolean exhausted(int failures) {
        return failures >= attempts;
    }
}
