package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.FiledDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfluenceSinkTest {

    private final FakeConfluence confluence = new FakeConfluence("bot@acme.example", "confluence-token");

    @AfterEach
    void stop() {
        confluence.shutdown();
    }

    private ConfluenceSink sink(String token) {
        return new ConfluenceSink(new ConfluenceSink.Settings(confluence.url(), FakeConfluence.SPACE,
                "123", "bot@acme.example", token), PostmortemFixture.markdown(), Redactor.defaults(), 3,
                Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void createsThePageThenUpdatesItWithTheNextVersion() {
        FiledDocument filed = sink("confluence-token").file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        assertThat(filed).isEqualTo(new FiledDocument("confluence", "9001", confluence.url() + "/spaces/OPS/pages/9001"));
        confluence.server().verify(postRequestedFor(urlEqualTo("/wiki/rest/api/content"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("page")))
                .withRequestBody(matchingJsonPath("$.ancestors[0].id", equalTo("123"))));
        assertThat(confluence.page("9001")).containsEntry("title", "Postmortem INC-42: Checkout errors")
                .containsEntry("version", 1);
        String value = confluence.versions().get(0);
        assertThat(value).contains("<h1>INC-42: Checkout errors</h1>")
                .contains("<tr><th>Measure</th><th>Duration</th></tr>")
                .contains("<p>Rolled back | config</p>")
                .doesNotContain("a1B2c3D4e5F6g7H8i9J0").doesNotContain("hunter2").contains("[REDACTED]");

        // Twice more: the fake accepts each update only as the current version plus one.
        sink("confluence-token").file(PostmortemFixture.postmortem(), filed, new RecordedProgress());
        FiledDocument again = sink("confluence-token").file(PostmortemFixture.postmortem(), filed, new RecordedProgress());
        assertThat(again.id()).isEqualTo("9001");
        assertThat(confluence.page("9001")).containsEntry("version", 3);
        confluence.server().verify(1, postRequestedFor(urlEqualTo("/wiki/rest/api/content")));
    }

    @Test
    void theMetadataTableHasARealHeaderAndCellsStayEscaped() {
        sink("confluence-token").file(PostmortemFixture.postmortem("Checkout <b>down</b> & @acme/payments paged"), null,
                new RecordedProgress());
        String value = confluence.versions().get(0);
        assertThat(value).contains("<tr><th>Field</th><th>Value</th></tr>").doesNotContain("<th></th>")
                .contains("Checkout &lt;b&gt;down&lt;/b&gt; &amp; <code>@acme/payments</code> paged");
    }

    @Test
    void aBadTokenFailsAtOnce() {
        assertThatThrownBy(() -> sink("wrong").file(PostmortemFixture.postmortem(), null, new RecordedProgress()))
                .isInstanceOf(SinkFailure.class)
                .hasMessage("Confluence POST /wiki/rest/api/content answered HTTP 401 Unauthorized; scope does not match (check the Confluence token)");
        confluence.server().verify(1, postRequestedFor(urlEqualTo("/wiki/rest/api/content")));
    }

    @Test
    void theFakeRefusesStaleVersionsAndMalformedStorage() throws Exception {
        sink("confluence-token").file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("bot@acme.example:confluence-token"
                .getBytes(StandardCharsets.UTF_8));
        String page = "{\"type\":\"page\",\"title\":\"t\",\"version\":{\"number\":%d},"
                + "\"body\":{\"storage\":{\"value\":\"%s\",\"representation\":\"storage\"}}}";
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create(confluence.url()
                + "/rest/api/content/9001")).header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(page.formatted(1, "<p>x</p>"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Current version is: 1");
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create(confluence.url()
                + "/rest/api/content/9001")).header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(page.formatted(2, "<p>x <b>y</p>"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("Error parsing xhtml");
        assertThat(confluence.page("9001")).containsEntry("version", 1);
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsConfluenceSays() {
        confluence.rateLimitNextPosts(1, 1);
        FiledDocument filed = sink("confluence-token").file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        assertThat(filed.id()).isEqualTo("9001");
        // A retry before Retry-After would have been limited again, and the three attempts spent.
        confluence.server().verify(2, postRequestedFor(urlEqualTo("/wiki/rest/api/content")));
    }

    /** The page was made but the answer lost: not posted again, found by its title (unique in a space) and updated. */
    @Test
    void aPageWhoseAnswerWasLostIsFoundByItsTitle() {
        confluence.loseNextPostAnswer();
        FiledDocument filed = sink("confluence-token").file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        assertThat(filed).isEqualTo(new FiledDocument("confluence", "9001", confluence.url() + "/spaces/OPS/pages/9001"));
        confluence.server().verify(1, postRequestedFor(urlEqualTo("/wiki/rest/api/content")));
        assertThat(confluence.page("9001")).containsEntry("version", 2);
        assertThat(confluence.page("9002")).isNull();
    }
}
