package dev.sitrep.templates;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/** Plain text for a terminal: @name mentions, #channel names, times in the configured zone. */
public final class ConsoleDialect implements Dialect {

    /** The console chat's platform name, which its members and channels carry. */
    public static final String PLATFORM = "console";

    private static final EscapingOutputFormat FORMAT =
            new EscapingOutputFormat("console", "text/plain", Escapers::console);

    private final ZoneId zone;
    private final Clock clock;
    private final DateTimeFormatter timeFormat;
    private final String zoneName;

    public ConsoleDialect(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
        this.timeFormat = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        this.zoneName = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    @Override
    public EscapingOutputFormat outputFormat() {
        return FORMAT;
    }

    @Override
    public Optional<String> platform() {
        return Optional.of(PLATFORM);
    }

    @Override
    public String ownMention(Member member) {
        return "@" + Escapers.console(member.displayName());
    }

    @Override
    public String ownChannel(ChannelRef channel) {
        return "#" + Escapers.console(channel.name());
    }

    @Override
    public String time(Instant at) {
        return timeFormat.format(at) + " " + zoneName;
    }

    @Override
    public String relative(Instant at) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? DurationText.format(d.negated()) + " ago" : "in " + DurationText.format(d);
    }
}
