package dev.sitrep.slack;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.templates.Dialect;
import dev.sitrep.templates.EscapingOutputFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Slack mrkdwn. User text has {@code & < >} escaped, so {@code <!channel>} or {@code <@U1>} typed by
 * a user stays text; mentions, channel links and {@code <!date^…>} times (each reader's local time)
 * are the only markup sitrep writes.
 */
public final class SlackDialect implements Dialect {

    private static final EscapingOutputFormat FORMAT =
            new EscapingOutputFormat("slack", "text/x-slack-mrkdwn", SlackDialect::escape);
    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Slack's three control characters; everything else is safe in message text. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public EscapingOutputFormat outputFormat() {
        return FORMAT;
    }

    @Override
    public String mention(Member member) {
        return isSlackId(member.id()) ? "<@" + member.id() + ">" : "@" + escape(member.displayName());
    }

    @Override
    public String channel(ChannelRef channel) {
        return isSlackId(channel.id()) ? "<#" + channel.id() + ">" : "#" + escape(channel.name());
    }

    @Override
    public String time(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
    }

    @Override
    public String relative(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{ago}|" + FALLBACK.format(at) + ">";
    }

    static boolean isSlackId(String id) {
        return id.matches("[A-Z0-9]{2,20}");
    }
}
