package dev.sitrep.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownToStorageTest {

    @Test
    void headingsTablesListsAndEmphasis() {
        String storage = MarkdownToStorage.convert("""
                # INC-1: DB \\<down\\> & out
                ## Roles
                - **commander**: @alice
                - _To be written._

                | Measure | Duration |
                |---|---|
                | Time to resolve | 1h |
                | a \\| b | c |

                plain & simple
                """);
        assertThat(storage).isEqualTo("<h1>INC-1: DB &lt;down&gt; &amp; out</h1><h2>Roles</h2>"
                + "<ul><li><strong>commander</strong>: @alice</li><li><em>To be written.</em></li></ul>"
                + "<table><thead><tr><th>Measure</th><th>Duration</th></tr></thead><tbody>"
                + "<tr><td>Time to resolve</td><td>1h</td></tr>"
                + "<tr><td>a | b</td><td>c</td></tr></tbody></table><p>plain &amp; simple</p>");
    }

    @Test
    void escapedUserTextNeverBecomesMarkup() {
        assertThat(MarkdownToStorage.convert("\\*\\*not bold\\*\\* \\_x\\_ <script>alert(1)</script>"))
                .isEqualTo("<p>**not bold** _x_ &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    }

    @Test
    void codeSpansKeepTheirContentLiteral() {
        assertThat(MarkdownToStorage.convert("`@acme/a_b_` & **x** \\`y\\` `<i>`"))
                .isEqualTo("<p><code>@acme/a_b_</code> &amp; <strong>x</strong> `y` <code>&lt;i&gt;</code></p>");
    }

    /** Confluence refuses a page that is not well-formed XML; nothing a user types may make one. */
    @ParameterizedTest
    @ValueSource(strings = {"<div><b>open", "a &nbsp; b &copy; &#0; &#xD800;", "x\u0000y\u0007z", "<![CDATA[ x ]]>",
            "<?xml version='1.0'?>", "line  \nbreak", "[link](javascript:alert(1)) ![img](x\" onerror=\"y)",
            "| a | <b |\n|---|---|\n| & | c |", "<!-- comment", "</p></ac:structured-macro>"})
    void anyUserTextStaysWellFormedXml(String userText) {
        String storage = MarkdownToStorage.convert("# " + userText + "\n\n" + userText + "\n\n- " + userText + "\n");
        assertThatCode(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                ("<root>" + storage + "</root>").getBytes(StandardCharsets.UTF_8)))).doesNotThrowAnyException();
        assertThat(storage).doesNotContain("javascript:").doesNotContain("<b>").doesNotContain("<div>");
    }
}
