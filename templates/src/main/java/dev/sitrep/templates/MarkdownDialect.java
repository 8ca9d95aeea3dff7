package dev.sitrep.templates;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Markdown documents (postmortems): read later and elsewhere, so times are absolute and in UTC, and
 * people and channels are plain names — a chat handle means nothing (or someone else) where it is read.
 */
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

    // No platform(): a postmortem is read off-platform, so people are plain names (a chat handle
    // written as @name would notify whoever owns that name where it is filed).

    @Override
    public String time(Instant at) {
        return UTC.format(at);
    }

    @Override
    public String relative(Instant at) {
        return UTC.format(at);
    }
}
