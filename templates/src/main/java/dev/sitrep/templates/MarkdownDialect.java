package dev.sitrep.templates;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Markdown documents (postmortems): read later and elsewhere, so times are absolute and in UTC. */
public final class MarkdownDialect implements Dialect {

    private static final EscapingOutputFormat FORMAT =
            new EscapingOutputFormat("markdown", "text/markdown", Escapers::markdown);
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** User text for a title or commit message filed outside the chat: as typed, but mentioning nobody. */
    public static String titleText(String text) {
        return Escapers.handlesAsCode(text);
    }

    @Override
    public EscapingOutputFormat outputFormat() {
        return FORMAT;
    }

    /** A plain name: a chat handle written as {@code @name} would notify whoever owns that name where it is filed. */
    @Override
    public String mention(Member member) {
        return Escapers.markdown(member.displayName());
    }

    @Override
    public String channel(ChannelRef channel) {
        return "#" + Escapers.markdown(channel.name());
    }

    @Override
    public String time(Instant at) {
        return UTC.format(at);
    }

    @Override
    public String relative(Instant at) {
        return UTC.format(at);
    }
}
