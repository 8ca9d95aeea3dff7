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
     * Markdown: user text must not open emphasis, links, tables, headings or HTML, and must stay on
     * its line so it cannot break a table row.
     */
    static String markdown(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        console(text).codePoints().forEach(cp -> {
            switch (cp) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~', '!' -> sb.append('\\').appendCodePoint(cp);
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
