package dev.sitrep.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics page and the public status page served by the whole bot (console chat, local
 * redis-server, status page enabled), read over real HTTP as the console user alice; and the
 * {@code public:} field of {@code /incident update} as the commander types it.
 */
class MetricsAndStatusPageTest {

    /** Words that are on the incidents but must never reach the status page. */
    static final List<String> INTERNAL = List.of("payments deploy 4.2", "carol", "alice", "bob", "dave",
            "internal-only", "Payroll", "salaries", "Search latency", "INC-", "slack.com", "#inc-", "rolled back");

    @TempDir
    static Path home;
    static LiveConsoleBot bot;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        bot = new LiveConsoleBot(home, "--sitrep.web.local-viewer=console:alice",
                "--sitrep.status-page.enabled=true", "--sitrep.status-page.title=Acme status",
                "--sitrep.status-page.components=Checkout,Search,Login");
        bot.type("/incident start Checkout errors sev1",                                               // INC-1
                "/incident update confirmed: payments deploy 4.2 by carol | impact: EU customers cannot pay "
                        + "| status: identified | public: yes",
                "/incident update confirmed: rolled back | impact: internal-only impact words",
                "/incident note dave thinks it is the CDN",
                "/incident action Add a canary stage @carol due:2026-01-01",
                "/as bob",
                "/incident start Payroll export leaks salaries sev2 private",                          // INC-2, bob's
                "/incident update impact: salaries exposed | public: yes",
                "/as alice",
                "/incident start Search latency sev3",                                                  // INC-3
                "/incident update impact: slower search | status: identified",
                "/incident start Login failures sev2",                                                  // INC-4
                "/incident update impact: Some customers cannot sign in | status: identified | public: yes",
                "/incident resolve Fixed the IdP config");
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void publishingAnUpdateIsEchoedToWhoeverPostedItAndAPrivateIncidentIsNeverPublished() {
        assertThat(bot.screen())
                .contains("This update of INC-1 is public: the status page shows the title \"Checkout errors\" "
                        + "and the impact \"EU customers cannot pay\". Its other fields stay internal.")
                .contains("INC-2 is private: the status page never shows it, whatever its updates say.")
                .doesNotContain("This update of INC-3 is public");
    }

    @Test
    void theStatusPageShowsPublishedImpactAndNothingInternal() throws Exception {
        HttpResponse<String> page = get("/status");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("Acme status", "Major outage", "Checkout errors", "EU customers cannot pay",
                "Login failures", "Some customers cannot sign in", "resolved");
        assertThat(html).containsPattern("Checkout</span> <span class=\"state\">major outage")
                .containsPattern("Search</span> <span class=\"state\">operational");
        INTERNAL.forEach(word -> assertThat(html).as(word).doesNotContainIgnoringCase(word));
        assertThat(html).doesNotContain("<script");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theJsonAndAtomFeedsSayTheSameAndNothingMore() throws Exception {
        HttpResponse<String> status = get("/status/status.json");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode tree = json.readTree(status.body());
        assertThat(tree.get("level").asString()).isEqualTo("major_outage");
        assertThat(tree.get("active")).hasSize(1);
        assertThat(tree.get("active").get(0).get("title").asString()).isEqualTo("Checkout errors");
        assertThat(tree.get("active").get(0).get("updates").get(0).get("impact").asString())
                .isEqualTo("EU customers cannot pay");
        assertThat(tree.get("resolved").get(0).get("resolvedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        INTERNAL.forEach(word -> assertThat(status.body()).as(word).doesNotContainIgnoringCase(word));

        HttpResponse<String> atom = get("/status/feed.atom");
        assertThat(atom.statusCode()).isEqualTo(200);
        assertThat(atom.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        assertThat(atom.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "EU customers cannot pay",
                "Resolved: Login failures", "Some customers cannot sign in");
        INTERNAL.forEach(word -> assertThat(atom.body()).as(word).doesNotContainIgnoringCase(word));
    }

    @Test
    void theMetricsPageCountsOnlyWhatTheViewerMaySeeInTablesAndChartData() throws Exception {
        HttpResponse<String> page = get("/insights");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        // alice sees INC-1, 3 and 4; bob's private INC-2 (sev2) changes no figure of hers.
        assertThat(html).contains("From the 3 most recent incidents you can see");
        String thisWeek = lastRow(html, "table-weekly");
        assertThat(cells(thisWeek)).containsExactly("1", "1", "1", "0", "3");
        assertThat(html).doesNotContain("Payroll");
        // The one overdue action item (due 2026-01-01) is open and overdue.
        assertThat(cells(lastRow(html, "table-actions"))).containsExactly("1", "1", "0");
        assertThat(html).contains("id=\"table-durations\"", "SEV1", "SEV2");

        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"metrics-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        JsonNode chart = json.readTree(data.group(1));
        JsonNode weekly = chart.get("weekly");
        assertThat(weekly.get("x")).hasSize(12);
        assertThat(weekly.get("series").get(1).get("label").asString()).isEqualTo("SEV2");
        JsonNode sev2 = weekly.get("series").get(1).get("values");
        assertThat(sev2.get(sev2.size() - 1).asInt()).isEqualTo(1);
        assertThat(chart.get("durations").get("acknowledge").get("series")).hasSize(8);
        // Every other script is a file of this origin (the CSP allows no inline script anyway).
        assertThat(html.replace(data.group(0), "")).doesNotContainPattern("<script(?![^>]*\\bsrc=\"/)");
        assertThat(html).contains("src=\"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js\"");

        HttpResponse<String> library = get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("uPlot");
        assertThat(get("/sitrep/metrics.js").statusCode()).isEqualTo(200);
    }

    /** The last row of the table with this id. */
    private static String lastRow(String html, String tableId) {
        String table = html.substring(html.indexOf("id=\"" + tableId + "\""));
        table = table.substring(0, table.indexOf("</table>"));
        return table.substring(table.lastIndexOf("<tr>"));
    }

    private static List<String> cells(String row) {
        return Pattern.compile("<td>([^<]*)</td>").matcher(row).results().map(m -> m.group(1)).toList();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(bot.baseUrl() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
