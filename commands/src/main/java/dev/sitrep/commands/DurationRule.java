package dev.sitrep.commands;

import java.time.Duration;
import java.util.Optional;

/** The one rule for durations users give (snooze, next update): 1s to 7d, and the one message when broken. */
public final class DurationRule {

    /** A week: longer than any sensible gap between updates, short enough to catch a typo like 30d. */
    static final Duration MAX = Duration.ofDays(7);

    private DurationRule() {
    }

    public static Optional<Duration> parse(String text) {
        return DurationText.parse(text).filter(d -> !d.isZero() && d.compareTo(MAX) <= 0);
    }

    /** The message for text that broke the rule; {@code given} is echoed (shortened) as the user wrote it. */
    public static String problem(String given) {
        return "'" + CommandParser.shorten(given) + "' is not a duration between 1s and 7d (e.g. 30m, 1h).";
    }
}
