package dev.sitrep.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The dashboard served by the whole bot (console chat, local redis-server), read over real HTTP as
 * the console user alice: what the list and an incident page show, escaping, private incidents,
 * the security headers, and the live event stream.
 */
class DashboardTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)></script>{{7*7}}";

    @TempDir
    static Path home;
    static LiveConsoleBot bot;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        bot = new LiveConsoleBot(home, "--sitrep.web.local-viewer=console:alice");
        bot.type("/incident start Checkout errors sev1",                                  // INC-1
                "/incident update confirmed: 502s for 30% | impact: EU customers cannot pay | status: identified",
                "/incident action Add a canary stage @carol due:2026-12-01",
                "/as bob",
                "/incident start Payroll export leaks salaries sev2 private",            // INC-2, bob's
                "/as alice",
                "/incident start " + HOSTILE + " sev3",                                  // INC-3
                "/incident start Alice's own secret sev4 private",                       // INC-4, alice's
                "/incident start Old cache outage sev3",                                  // INC-5
                "/incident resolve Flushed the cache");
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void theListShowsOpenIncidentsFirstThenRecentOnesWithTheirFacts() throws Exception {
        HttpResponse<String> list = get("/incidents");

        assertThat(list.statusCode()).isEqualTo(200);
        String html = list.body();
        int open = html.indexOf("id=\"open-heading\"");
        int recent = html.indexOf("id=\"recent-heading\"");
        assertThat(open).isPositive().isLessThan(recent);
        String openPart = html.substring(open, recent);
        assertThat(openPart).contains("INC-1", "Checkout errors", "sev-sev1", "identified", "alice")
                .contains("INC-3").doesNotContain("Old cache outage");
        assertThat(html.substring(recent)).contains("INC-5", "Old cache outage", "resolved");
        // The most severe open incident comes first.
        assertThat(openPart.indexOf("INC-1")).isLessThan(openPart.indexOf("INC-3"));
        assertThat(get("/").headers().firstValue("Location").orElseThrow()).endsWith("/incidents");
    }

    @Test
    void anIncidentPageShowsTheLatestUpdateRolesActionItemsTimelineAndChannel() throws Exception {
        HttpResponse<String> page = get("/incidents/INC-1");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("Checkout errors", "EU customers cannot pay", "502s for 30%",
                "Add a canary stage", "carol", "2026-12-01", "#inc-1-checkout-errors on console",
                "time to acknowledge");
        assertThat(html.indexOf("id=\"latest-heading\"")).isLessThan(html.indexOf("id=\"timeline-heading\""));
        assertThat(html).containsPattern("kind-declared[\\s\\S]*kind-update[\\s\\S]*kind-action");
    }

    @Test
    void aHostileTitleIsWrittenAsTextEverywhere() throws Exception {
        String escaped = "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;{{7*7}}";
        for (String path : List.of("/incidents", "/incidents/INC-3")) {
            String html = get(path).body();
            assertThat(html).as(path).contains(escaped).doesNotContain("<img", "onerror=alert(1)>");
        }
    }

    @Test
    void anotherMembersPrivateIncidentIsNeitherListedNorOpenedNorTold() throws Exception {
        String list = get("/incidents").body();
        assertThat(list).doesNotContain("Payroll", "INC-2\"", ">INC-2<");
        // alice's own private incident is hers to see.
        assertThat(list).contains("Alice&#39;s own secret");

        HttpResponse<String> hidden = get("/incidents/INC-2");
        HttpResponse<String> missing = get("/incidents/INC-999");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body()).doesNotContain("Payroll");
        assertThat(get("/incidents/INC-4").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesCarrySecurityHeadersAndNoInlineScript() throws Exception {
        for (String path : List.of("/incidents", "/incidents/INC-1", "/incidents/INC-999")) {
            HttpResponse<String> page = get(path);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            // Every script is a file from this origin: no inline <script> body, no on…= handler.
            // Attribute values left out (a title inside data-search="…" is text, not an attribute).
            String markup = page.body().replaceAll("\"[^\"]*\"", "\"\"");
            assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=\"/)");
            assertThat(markup).doesNotContainPattern("<[^>]*\\son[a-z]+=");
        }
    }

    @Test
    void theEventStreamTellsOnlyOfIncidentsTheViewerMaySeeFromAnyReplica() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        List<String> all = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data:")) {
                        String data = line.substring(5).trim();
                        all.add(data);
                        events.add(data);
                    }
                }
            } catch (Exception ignored) {
                // the stream was closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("live");

        // bob writes in his private incident, then alice in hers: alice's stream hears only the second.
        bot.type("/as bob", "/join #inc-2-payroll-export-leaks-salaries", "/incident note exported to the wrong bucket",
                "/as alice", "/join #inc-1-checkout-errors", "/incident note error rate falling");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("INC-1");

        // A notice published by another replica reaches this replica's pages the same way.
        bot.bean(StringRedisTemplate.class).convertAndSend("sitrep:changes", "3");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("INC-3");
        assertThat(all).doesNotContain("INC-2");
        stream.body().close();
    }

    @Test
    void thePublicStatusPageIsOffByDefault() throws Exception {
        for (String path : List.of("/status", "/status/status.json", "/status/feed.atom")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(bot.baseUrl() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
