package dev.sitrep.postmortem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The postmortem skeleton's Markdown as Confluence storage format (XHTML). Covers what the
 * skeleton uses: headings, tables, bullet lists, bold, italics, code spans and backslash escapes; everything
 * else becomes an escaped paragraph, so nothing a user typed can become markup.
 */
final class MarkdownToStorage {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\\\\\w])_(.+?)_(?!\\w)");

    private MarkdownToStorage() {
    }

    static String convert(String markdown) {
        StringBuilder out = new StringBuilder();
        List<String> table = new ArrayList<>();
        boolean inList = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("|")) {
                if (inList) {
                    out.append("</ul>");
                    inList = false;
                }
                table.add(line);
                continue;
            }
            if (!table.isEmpty()) {
                out.append(table(table));
                table.clear();
            }
            if (line.startsWith("- ")) {
                if (!inList) {
                    out.append("<ul>");
                    inList = true;
                }
                out.append("<li>").append(inline(line.substring(2))).append("</li>");
                continue;
            }
            if (inList) {
                out.append("</ul>");
                inList = false;
            }
            if (line.startsWith("### ")) {
                out.append("<h3>").append(inline(line.substring(4))).append("</h3>");
            } else if (line.startsWith("## ")) {
                out.append("<h2>").append(inline(line.substring(3))).append("</h2>");
            } else if (line.startsWith("# ")) {
                out.append("<h1>").append(inline(line.substring(2))).append("</h1>");
            } else if (!line.isBlank()) {
                out.append("<p>").append(inline(line)).append("</p>");
            }
        }
        if (!table.isEmpty()) {
            out.append(table(table));
        }
        if (inList) {
            out.append("</ul>");
        }
        return out.toString();
    }

    private static String table(List<String> rows) {
        StringBuilder out = new StringBuilder("<table><tbody>");
        boolean header = rows.size() > 1 && rows.get(1).matches("\\|[-| ]+\\|");
        for (int i = 0; i < rows.size(); i++) {
            if (header && i == 1) {
                continue;
            }
            String tag = header && i == 0 ? "th" : "td";
            out.append("<tr>");
            for (String cell : cells(rows.get(i))) {
                out.append('<').append(tag).append('>').append(inline(cell.strip())).append("</").append(tag).append('>');
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** Splits a table row on the pipes that are not escaped. */
    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                cell.append(c).append(inner.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /**
     * Code spans (where the escaper puts {@code @handles}) become {@code <code>}, their content literal;
     * the text between them gets bold and italics.
     */
    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int close = c == '`' ? text.indexOf('`', i + 1) : -1;
            if (c == '\\' && i + 1 < text.length()) {
                plain.append(c).append(text.charAt(++i));
            } else if (close > i) {
                out.append(emphasis(plain.toString())).append("<code>");
                text.substring(i + 1, close).chars().forEach(ch -> out.append(escape((char) ch)));
                out.append("</code>");
                plain.setLength(0);
                i = close;
            } else {
                plain.append(c);
            }
        }
        return out.append(emphasis(plain.toString())).toString();
    }

    /** Bold and italics from sitrep's own markup; backslash-escaped characters are user text, kept literal. */
    private static String emphasis(String text) {
        String marked = ITALIC.matcher(BOLD.matcher(text).replaceAll("\u0001$1\u0002")).replaceAll("\u0003$1\u0004");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == '\\' && i + 1 < marked.length()) {
                out.append(escape(marked.charAt(++i)));
                continue;
            }
            switch (c) {
                case '\u0001' -> out.append("<strong>");
                case '\u0002' -> out.append("</strong>");
                case '\u0003' -> out.append("<em>");
                case '\u0004' -> out.append("</em>");
                default -> out.append(escape(c));
            }
        }
        return out.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default -> String.valueOf(c);
        };
    }
}
