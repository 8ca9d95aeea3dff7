package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sitrep.commands.incident.FiledDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfluenceSinkTest {

    private final WireMockServer confluence = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    ConfluenceSinkTest() {
        confluence.start();
    }

    @AfterEach
    void stop() {
        confluence.stop();
    }

    private ConfluenceSink sink() {
        return new ConfluenceSink(new ConfluenceSink.Settings("http://127.0.0.1:" + confluence.port() + "/wiki", "OPS",
                "123", "bot@acme.example", "confluence-token"), PostmortemFixture.markdown(), Redactor.defaults(), 3,
                Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void createsThePageThenUpdatesItWithTheNextVersion() {
        String base = "http://127.0.0.1:" + confluence.port() + "/wiki";
        confluence.stubFor(post(urlEqualTo("/wiki/rest/api/content")).willReturn(okJson(
                "{\"id\":\"9001\",\"_links\":{\"base\":\"" + base + "\",\"webui\":\"/spaces/OPS/pages/9001\"}}")));
        confluence.stubFor(get(urlEqualTo("/wiki/rest/api/content/9001?expand=version")).willReturn(okJson(
                "{\"id\":\"9001\",\"version\":{\"number\":3}}")));
        confluence.stubFor(put(urlEqualTo("/wiki/rest/api/content/9001")).willReturn(okJson(
                "{\"id\":\"9001\",\"_links\":{\"base\":\"" + base + "\",\"webui\":\"/spaces/OPS/pages/9001\"}}")));

        FiledDocument filed = sink().file(PostmortemFixture.postmortem(), null);
        assertThat(filed).isEqualTo(new FiledDocument("confluence", "9001", base + "/spaces/OPS/pages/9001"));
        String basic = "Basic " + Base64.getEncoder().encodeToString("bot@acme.example:confluence-token"
                .getBytes(StandardCharsets.UTF_8));
        confluence.verify(postRequestedFor(urlEqualTo("/wiki/rest/api/content"))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(matchingJsonPath("$.type", equalTo("page")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Postmortem INC-42: Checkout errors")))
                .withRequestBody(matchingJsonPath("$.space.key", equalTo("OPS")))
                .withRequestBody(matchingJsonPath("$.ancestors[0].id", equalTo("123")))
                .withRequestBody(matchingJsonPath("$.body.storage.representation", equalTo("storage")))
                .withRequestBody(matchingJsonPath("$.body.storage.value", containing("<h1>INC-42: Checkout errors</h1>")))
                .withRequestBody(matchingJsonPath("$.body.storage.value",
                        containing("<tr><th>Measure</th><th>Duration</th></tr>"))));
        String value = confluence.findAll(postRequestedFor(urlEqualTo("/wiki/rest/api/content"))).get(0).getBodyAsString();
        assertThat(value).contains("<p>Rolled back | config</p>")
                .doesNotContain("a1B2c3D4e5F6g7H8i9J0").doesNotContain("hunter2").contains("[REDACTED]");

        FiledDocument again = sink().file(PostmortemFixture.postmortem(), filed);
        assertThat(again.id()).isEqualTo("9001");
        confluence.verify(1, postRequestedFor(urlEqualTo("/wiki/rest/api/content")));
        confluence.verify(putRequestedFor(urlEqualTo("/wiki/rest/api/content/9001"))
                .withRequestBody(matchingJsonPath("$.version.number", equalTo("4")))
                .withRequestBody(matchingJsonPath("$.id", equalTo("9001"))));
    }
}
