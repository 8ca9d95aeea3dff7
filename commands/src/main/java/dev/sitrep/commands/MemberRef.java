package dev.sitrep.commands;

import java.util.Objects;

/**
 * A mention as typed ({@code @bob}, Slack's {@code <@U42|bob>}, Discord's {@code <@42>}), still to be
 * resolved to a member by the platform it came from.
 */
public record MemberRef(String raw) {

    public MemberRef {
        Objects.requireNonNull(raw, "raw");
        if (!looksLikeMention(raw)) {
            throw new IllegalArgumentException("not a mention: " + raw);
        }
    }

    public static boolean looksLikeMention(String token) {
        return token.matches("@[\\p{L}\\p{N}._-]{1,80}") || token.matches("<@!?[A-Za-z0-9]{1,40}(\\|[^>]{0,80})?>");
    }

    /** The id or name inside the mention, without {@code @}, {@code <@…>} or a {@code |label}. */
    public String key() {
        if (raw.startsWith("<@")) {
            String inner = raw.substring(2, raw.length() - 1);
            if (inner.startsWith("!")) {
                inner = inner.substring(1);
            }
            int bar = inner.indexOf('|');
            return bar < 0 ? inner : inner.substring(0, bar);
        }
        return raw.substring(1);
    }
}
