package dev.sitrep.discord;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.templates.Dialect;
import dev.sitrep.templates.EscapingOutputFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * Discord markdown. User text gets every markdown and mention character backslash-escaped, so
 * {@code @everyone}, {@code <@123>} or {@code **x**} typed by a user stays text; mentions and channel
 * links (of Discord's own members and channels only) and {@code <t:…>} timestamps (which count down
 * for every reader) are sitrep's own markup.
 */
public final class DiscordDialect implements Dialect {

    private static final EscapingOutputFormat FORMAT =
            new EscapingOutputFormat("discord", "text/markdown", DiscordDialect::escape);
    private static final String SPECIAL = "\\*_~`|><[]#@";

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp < 128 && SPECIAL.indexOf(cp) >= 0) {
                sb.append('\\');
            }
            if (cp == '\n' || cp == '\t' || !Character.isISOControl(cp)) {
                sb.appendCodePoint(cp);
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
        return Optional.of(DiscordChatPlatform.NAME);
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
        return "<t:" + at.getEpochSecond() + ":f>";
    }

    @Override
    public String relative(Instant at) {
        return "<t:" + at.getEpochSecond() + ":R>";
    }

    /** The shape of a Discord id (a snowflake), to tell a mention's id from a name typed after {@code @}. */
    static boolean isSnowflake(String id) {
        return id.matches("\\d{1,20}");
    }
}
