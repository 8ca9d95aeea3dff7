package dev.sitrep.slack;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.templates.Dialect;
import dev.sitrep.templates.EscapingOutputFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * Slack Block Kit: the {@code slack-blocks/*.ftl} templates write a JSON array of blocks, and every
 * interpolation is escaped twice over — for Slack mrkdwn ({@link #mrkdwn}) and then for a JSON string
 * ({@link #json}) — so user text can neither end the JSON string nor become markup or a ping. Mentions,
 * channel links and {@code <!date^…>} times are {@link SlackDialect}'s, which contain nothing JSON escapes.
 */
public final class SlackBlocksDialect implements Dialect {

    public static final String NAME = "slack-blocks";
    private static final EscapingOutputFormat FORMAT =
            new EscapingOutputFormat(NAME, "application/json", SlackBlocksDialect::escape);

    private final SlackDialect slack = new SlackDialect();

    /** User text inside a JSON string of a {@code mrkdwn} text object. */
    public static String escape(String text) {
        return json(mrkdwn(text));
    }

    /** User text as Slack mrkdwn that shows as typed: {@link SlackDialect#escape}. */
    public static String mrkdwn(String text) {
        return SlackDialect.escape(text);
    }

    /** User text inside a JSON string of a {@code plain_text} object (headers, button labels): no markup there. */
    public static String plain(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(cp -> cp == '\n' || !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
        return json(sb.toString());
    }

    /** The inside of a JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    public static String json(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public EscapingOutputFormat outputFormat() {
        return FORMAT;
    }

    /** {@code plain(…)} in a template: text for a {@code plain_text} object, which Slack shows without markup. */
    @Override
    public String plainText(String text) {
        return plain(text);
    }

    @Override
    public Optional<String> platform() {
        return slack.platform();
    }

    @Override
    public String ownMention(Member member) {
        return slack.ownMention(member);
    }

    @Override
    public String ownChannel(ChannelRef channel) {
        return slack.ownChannel(channel);
    }

    @Override
    public String time(Instant at) {
        return slack.time(at);
    }

    @Override
    public String relative(Instant at) {
        return slack.relative(at);
    }
}
