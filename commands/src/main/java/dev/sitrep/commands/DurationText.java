package dev.sitrep.commands;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them in chat: 90s, 15m, 1h30m, 2d. Formats them for reading, with a
 * space between units ({@code 1h 30m}), which {@link #parse} does not take back.
 */
public final class DurationText {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,6}[smhd])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,6})([smhd])");

    private DurationText() {
    }

    public static Optional<Duration> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(total);
    }

    /**
     * The largest non-zero unit and the one right below it, that one left out when zero: 1h 30m,
     * 45s, 2d 4h, and 1d for 1d 0h 30m — enough to read at a glance.
     */
    public static String format(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        StringBuilder sb = new StringBuilder();
        int parts = 0;
        long[] values = {days, hours, minutes, secs};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < values.length && parts < 2; i++) {
            if (values[i] > 0 || (parts > 0)) {
                if (values[i] > 0) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(values[i]).append(units[i]);
                }
                parts++;
            }
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }
}
