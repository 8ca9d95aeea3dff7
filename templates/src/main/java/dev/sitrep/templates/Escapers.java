package dev.sitrep.templates;

/** The escapers of the built-in dialects. */
final class Escapers {

    private Escapers() {
    }

    /**
     * Terminals interpret control characters (ANSI escapes can rewrite the screen), so user text
     * loses them; line breaks and tabs stay.
     */
    static String console(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || (!Character.isISOControl(cp) && !isBidiControl(cp))) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /**
     * Markdown: user text must not open emphasis, links, tables, headings or HTML, must stay on
     * its line so it cannot break a table row, and must not mention anyone where it is filed:
     * {@code @handle} goes into a code span.
     */
    static String markdown(String text) {
        return withHandlesAsCode(console(text), (c, sb) -> {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~', '!' -> sb.append('\\').append(c);
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.append(c);
            }
        });
    }

    /**
     * For one-line text filed where Markdown is not rendered in full (issue and pull-request titles,
     * commit messages): everything stays as typed except that {@code @handle} goes into a code span,
     * since GitHub links and may notify a mention there too.
     */
    static String handlesAsCode(String text) {
        return withHandlesAsCode(console(text), (c, sb) -> sb.append(c == '\n' || c == '\r' ? ' ' : c));
    }

    /** Each {@code @handle} in a code span (GitHub notifies @user and @org/team anywhere in rendered text, never in code); every other character as {@code other} writes it. */
    private static String withHandlesAsCode(String clean, java.util.function.BiConsumer<Character, StringBuilder> other) {
        StringBuilder sb = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            int handle = handleLength(clean, i);
            if (handle > 0) {
                sb.append('`').append(clean, i, i + handle).append('`');
                i += handle - 1;
            } else {
                other.accept(clean.charAt(i), sb);
            }
        }
        return sb.toString();
    }

    /** The length of a would-be mention ({@code @name}, {@code @org/team}) starting at {@code i}, or 0. */
    private static int handleLength(String text, int i) {
        if (text.charAt(i) != '@' || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))
                || i + 1 >= text.length() || !isAsciiLetterOrDigit(text.charAt(i + 1))) {
            return 0;
        }
        int end = i + 1;
        while (end < text.length() && (isAsciiLetterOrDigit(text.charAt(end)) || "-_./".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return end - i;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
