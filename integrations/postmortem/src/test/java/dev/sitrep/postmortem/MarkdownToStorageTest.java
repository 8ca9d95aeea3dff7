package dev.sitrep.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
                + "<table><tbody><tr><th>Measure</th><th>Duration</th></tr><tr><td>Time to resolve</td><td>1h</td></tr>"
                + "<tr><td>a | b</td><td>c</td></tr></tbody></table><p>plain &amp; simple</p>");
    }

    @Test
    void escapedUserTextNeverBecomesMarkup() {
        assertThat(MarkdownToStorage.convert("\\*\\*not bold\\*\\* \\_x\\_ <script>"))
                .isEqualTo("<p>**not bold** _x_ &lt;script&gt;</p>");
    }

    @Test
    void codeSpansKeepTheirContentLiteral() {
        assertThat(MarkdownToStorage.convert("| `@acme/a_b_` & **x** | \\`y\\` `<i>` |"))
                .isEqualTo("<table><tbody><tr><td><code>@acme/a_b_</code> &amp; <strong>x</strong></td>"
                        + "<td>`y` <code>&lt;i&gt;</code></td></tr></tbody></table>");
    }
}
