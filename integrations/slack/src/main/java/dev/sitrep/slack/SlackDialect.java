package dev.sitrep.slack;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.templates.Dialect;
import dev.sitrep.templates.EscapingOutputFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Slack mrkdwn. User text has {@code & < >} escaped, so {@code <!channel>} or {@code <@U1>} typed by
 * a user stays text; mentions and channel links (of Slack's own members and channels only) and
 * {@code <!date^…>} times (each reader's local time) are the only markup sitrep writes.
 */
public final class SlackDialect implements Dialect {

    private static final EscapingOutputFormat FORMAT =
            new EscapingOutputFormat("slack", "text/x-slack-mrkdwn", SlackDialect::escape);
    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Zero width space: Slack has no escape for its formatting characters (see {@link #escape}). */
    private static final char ZWSP = '\u200B';

    /**
     * User text as Slack mrkdwn that shows as typed: {@code & < >} escaped, the only characters Slack
     * asks to escape (https://api.slack.com/reference/surfaces/formatting#escaping), so {@code <!here>}
     * or {@code <@U1>} stay text; control characters dropped (line breaks and tabs stay). Slack offers
     * no escape for {@code * _ ~ `}, which format only at a word boundary
     * (https://api.slack.com/reference/surfaces/formatting#basic-formatting): a zero width space before
     * each keeps {@code *bold*} from ever being one, and shows nothing.
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '*', '_', '~', '`' -> sb.append(ZWSP).append((char) cp);
                default -> {
                    if (cp == '\n' || cp == '\t' || !Character.isISOControl(cp)) {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }

    @Override
    public EscapingOutputFormat outputFormat() {
        return FORMAT;
    }

    @Override
    public Optional<String> platform() {
        return Optional.of(SlackChatPlatform.NAME);
    }

    @Override
    public String ownMention(Member member) {
        return "<@" + member.id() + ">";
    }

    @Override
    public String ownChannel(ChannelRef channel) {
        return "<#" + channel.id() + ">";
    }

    @Override
    public String time(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
    }

    @Override
    public String relative(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{ago}|" + FALLBACK.format(at) + ">";
    }

    /** The shape of an id in a Slack mention ({@code <@U42>}), to tell it from a name typed after {@code @}. */
    static boolean isSlackId(String id) {
        return id.matches("[A-Z0-9]{2,20}");
    }
}
