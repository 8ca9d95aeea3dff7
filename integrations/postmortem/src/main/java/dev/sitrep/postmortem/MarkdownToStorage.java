package dev.sitrep.postmortem;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The postmortem skeleton's Markdown as Confluence storage format (XHTML), through commonmark-java
 * with GFM tables rather than a parser of our own. The renderer escapes raw HTML instead of passing
 * it through and writes void elements the XML way ({@code <br />}), so whatever a user typed stays
 * text and the page stays well-formed XML, which Confluence refuses otherwise.
 */
final class MarkdownToStorage {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak(" ")
            .build();

    private MarkdownToStorage() {
    }

    static String convert(String markdown) {
        // The renderer ends each block with a line break; storage format needs none, and pages compare
        // equal across versions only if they are written the same way. User text never ends in '>'
        // (it is escaped), so only tags lose theirs.
        return RENDERER.render(PARSER.parse(xmlCharactersOnly(markdown))).replace(">\n", ">");
    }

    /**
     * XML 1.0 has no way to write most control characters, not even escaped, so a title holding one
     * would make Confluence refuse the whole page; they are dropped (tab and newline stay).
     */
    private static String xmlCharactersOnly(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(MarkdownToStorage::allowedInXml).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
