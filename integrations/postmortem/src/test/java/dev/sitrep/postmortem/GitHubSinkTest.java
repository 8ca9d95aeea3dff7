package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sitrep.commands.incident.FiledDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubSinkTest {

    private final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    GitHubSinkTest() {
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private GitHubSink sink(GitHubSink.Mode mode) {
        return new GitHubSink(new GitHubSink.Settings("http://127.0.0.1:" + github.port() + "/", "acme/ops", "gh-test-token",
                mode, List.of("postmortem", "incident"), null, "postmortems", false, List.of("action-item")),
                PostmortemFixture.markdown(),
                Redactor.defaults(), 3, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void issueModeCreatesThenEditsTheIssue() {
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).willReturn(okJson(
                "{\"number\":17,\"html_url\":\"https://github.example/acme/ops/issues/17\"}")));
        github.stubFor(patch(urlEqualTo("/repos/acme/ops/issues/17")).willReturn(okJson(
                "{\"number\":17,\"html_url\":\"https://github.example/acme/ops/issues/17\"}")));

        FiledDocument filed = sink(GitHubSink.Mode.ISSUE).file(PostmortemFixture.postmortem(), null);
        assertThat(filed).isEqualTo(new FiledDocument("github", "17", "https://github.example/acme/ops/issues/17"));
        github.verify(postRequestedFor(urlEqualTo("/repos/acme/ops/issues"))
                .withHeader("Authorization", equalTo("Bearer gh-test-token"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Postmortem INC-42: Checkout errors")))
                .withRequestBody(matchingJsonPath("$.labels", equalToJson("[\"postmortem\",\"incident\"]")))
                .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "# INC-42: Checkout errors"))));
        String body = github.getAllServeEvents().get(0).getRequest().getBodyAsString();
        // Secrets from the timeline never leave the chat platform.
        assertThat(body).doesNotContain("a1B2c3D4e5F6g7H8i9J0").doesNotContain("hunter2").contains("[REDACTED]");

        FiledDocument again = sink(GitHubSink.Mode.ISSUE).file(PostmortemFixture.postmortem(), filed);
        assertThat(again).isEqualTo(filed);
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
        github.verify(patchRequestedFor(urlEqualTo("/repos/acme/ops/issues/17"))
                .withRequestBody(matchingJsonPath("$.body")));
    }

    @Test
    void pullRequestModeAddsTheFileOnABranchThenUpdatesItWithItsSha() {
        github.stubFor(get(urlEqualTo("/repos/acme/ops")).willReturn(okJson("{\"default_branch\":\"main\"}")));
        github.stubFor(get(urlEqualTo("/repos/acme/ops/git/ref/heads/postmortem/inc-42")).inScenario("branch")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(404)));
        github.stubFor(get(urlEqualTo("/repos/acme/ops/git/ref/heads/postmortem/inc-42")).inScenario("branch")
                .whenScenarioStateIs("created").willReturn(okJson("{\"object\":{\"sha\":\"f00\"}}")));
        github.stubFor(get(urlEqualTo("/repos/acme/ops/git/ref/heads/main")).willReturn(okJson(
                "{\"ref\":\"refs/heads/main\",\"object\":{\"sha\":\"abc123\",\"type\":\"commit\"}}")));
        github.stubFor(post(urlEqualTo("/repos/acme/ops/git/refs")).inScenario("branch").willSetStateTo("created")
                .willReturn(okJson("{\"ref\":\"refs/heads/postmortem/inc-42\"}")));
        String contents = "/repos/acme/ops/contents/postmortems/INC-42-checkout-errors.md";
        github.stubFor(get(urlEqualTo(contents + "?ref=postmortem%2Finc-42")).inScenario("file")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(404)));
        github.stubFor(get(urlEqualTo(contents + "?ref=postmortem%2Finc-42")).inScenario("file")
                .whenScenarioStateIs("written").willReturn(okJson("{\"sha\":\"def456\"}")));
        github.stubFor(put(urlEqualTo(contents)).inScenario("file").willSetStateTo("written")
                .willReturn(okJson("{\"content\":{\"sha\":\"def456\"}}")));
        github.stubFor(post(urlEqualTo("/repos/acme/ops/pulls")).willReturn(okJson(
                "{\"number\":5,\"html_url\":\"https://github.example/acme/ops/pull/5\"}")));

        FiledDocument filed = sink(GitHubSink.Mode.PULL_REQUEST).file(PostmortemFixture.postmortem(), null);
        assertThat(filed).isEqualTo(new FiledDocument("github", "5", "https://github.example/acme/ops/pull/5"));
        github.verify(postRequestedFor(urlEqualTo("/repos/acme/ops/git/refs"))
                .withRequestBody(equalToJson("{\"ref\":\"refs/heads/postmortem/inc-42\",\"sha\":\"abc123\"}")));
        github.verify(putRequestedFor(urlEqualTo(contents))
                .withRequestBody(matchingJsonPath("$.branch", equalTo("postmortem/inc-42")))
                .withRequestBody(matchingJsonPath("$.message", equalTo("Add Postmortem INC-42: Checkout errors")))
                .withRequestBody(matchingJsonPath("$[?(!@.sha)]")));
        github.verify(postRequestedFor(urlEqualTo("/repos/acme/ops/pulls"))
                .withRequestBody(matchingJsonPath("$.head", equalTo("postmortem/inc-42")))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main"))));
        String content = github.findAll(putRequestedFor(urlEqualTo(contents))).get(0).getBodyAsString()
                .replaceAll("(?s).*\"content\":\"([^\"]+)\".*", "$1");
        assertThat(new String(Base64.getDecoder().decode(content), StandardCharsets.UTF_8))
                .startsWith("# INC-42: Checkout errors").doesNotContain(PostmortemFixture.TOKEN);

        // Filing again commits the new version over the old one (with its SHA) and opens no second PR.
        FiledDocument again = sink(GitHubSink.Mode.PULL_REQUEST).file(PostmortemFixture.postmortem(), filed);
        assertThat(again).isEqualTo(filed);
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/git/refs")));
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/pulls")));
        github.verify(putRequestedFor(urlEqualTo(contents)).withRequestBody(matchingJsonPath("$.sha", equalTo("def456")))
                .withRequestBody(matchingJsonPath("$.message", equalTo("Update Postmortem INC-42: Checkout errors"))));
    }

    @Test
    void actionItemsBecomeIssuesLinkedFromThePostmortemOnce() {
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).withRequestBody(matchingJsonPath("$.labels[0]",
                equalTo("action-item"))).willReturn(okJson("{\"number\":31,\"html_url\":\"https://github.example/acme/ops/issues/31\"}")));
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).withRequestBody(matchingJsonPath("$.labels[0]",
                equalTo("postmortem"))).willReturn(okJson("{\"number\":30,\"html_url\":\"https://github.example/acme/ops/issues/30\"}")));
        github.stubFor(patch(urlEqualTo("/repos/acme/ops/issues/30")).willReturn(okJson(
                "{\"number\":30,\"html_url\":\"https://github.example/acme/ops/issues/30\"}")));
        GitHubSink sink = new GitHubSink(new GitHubSink.Settings("http://127.0.0.1:" + github.port(), "acme/ops",
                "gh-test-token", GitHubSink.Mode.ISSUE, List.of("postmortem"), null, "postmortems", true,
                List.of("action-item")), PostmortemFixture.markdown(), Redactor.defaults(), 3, Duration.ofMillis(10),
                Duration.ofSeconds(5));

        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null);
        assertThat(filed.actionItems()).containsEntry(1, "https://github.example/acme/ops/issues/31");
        github.verify(postRequestedFor(urlEqualTo("/repos/acme/ops/issues"))
                .withRequestBody(matchingJsonPath("$.title", equalTo("INC-42: Add a canary stage")))
                .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "Owner: alice"))));
        github.verify(postRequestedFor(urlEqualTo("/repos/acme/ops/issues"))
                .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("postmortem")))
                .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "| Add a canary stage | alice | 2026-12-01 | no | https://github.example/acme/ops/issues/31 |"))));

        sink.file(PostmortemFixture.postmortem(), filed);
        github.verify(2, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
    }

    @Test
    void aBadTokenFailsAtOnceNamingTheCall() {
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));
        assertThatThrownBy(() -> sink(GitHubSink.Mode.ISSUE).file(PostmortemFixture.postmortem(), null))
                .isInstanceOf(SinkFailure.class)
                .hasMessage("GitHub POST /repos/acme/ops/issues answered HTTP 401 (check the GitHub token)")
                .hasMessageNotContaining("gh-test-token");
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("once"));
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).inScenario("flaky").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("twice"));
        github.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).inScenario("flaky").whenScenarioStateIs("twice")
                .willReturn(okJson("{\"number\":3,\"html_url\":\"https://github.example/acme/ops/issues/3\"}")));
        assertThat(sink(GitHubSink.Mode.ISSUE).file(PostmortemFixture.postmortem(), null).id()).isEqualTo("3");
        github.verify(3, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
    }
}
