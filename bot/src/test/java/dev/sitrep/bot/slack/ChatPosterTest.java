package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Message;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.ChatPoster;
import dev.sitrep.slack.SlackCallFailed;
import dev.sitrep.slack.SlackCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §4: reminders post through {@link ChatPoster} (one kept Gson instead of the SDK's new one
 * per answer). Over real HTTP against the Slack stand-in it must be the SDK's call in every way
 * that matters: the same form (token as Bearer header, metadata), the same answer, Slack's
 * refusals named, and a 429 waited out in line without failing or touching the breaker.
 */
class ChatPosterTest {

    private final FakeSlackApi slack = new FakeSlackApi();
    private final Slack sdk;
    private final MethodsClient client;
    private final ChatPoster poster;
    private final SlackCalls calls = new SlackCalls(OutboundPolicy.of(1, Duration.ofMillis(10), Duration.ofSeconds(5)));

    ChatPosterTest() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.url());
        config.getMethodsConfig().setStatsEnabled(false);
        sdk = Slack.getInstance(config);
        client = sdk.methods("xoxb-test-token");
        poster = new ChatPoster(client, "xoxb-test-token", config);
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    @Test
    void postsWhatTheSdkPostsAndReadsSlacksAnswer() throws Exception {
        var answer = calls.call("chat.postMessage", "C1", () -> poster.chatPostMessage(r -> r.channel("C1")
                .text("update overdue").metadata(Message.Metadata.builder().eventType("sitrep_post")
                        .eventPayload(Map.of("key", "reminder:1:2:1:slack")).build())));
        assertThat(answer.isOk()).isTrue();
        assertThat(answer.getChannel()).isEqualTo("C1");
        assertThat(answer.getTs()).isEqualTo(SlackContract.TS);
        assertThat(answer.getMessage().getText()).isEqualTo("update overdue");
        var sent = slack.requests("chat.postMessage").get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(FakeSlackApi.form(sent)).containsEntry("channel", "C1").containsEntry("text", "update overdue");
        assertThat(FakeSlackApi.form(sent).get("metadata")).contains("reminder:1:2:1:slack");
    }

    @Test
    void slacksRefusalIsNamedAndA429IsWaitedOutInLine() {
        slack.refuse("chat.postMessage", "channel_not_found");
        assertThatThrownBy(() -> calls.call("chat.postMessage", "C2", () -> poster.chatPostMessage(r -> r.channel("C2")
                .text("hello")))).isInstanceOf(SlackCallFailed.class).hasMessageContaining("channel_not_found");

        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(FakeSlackApi.tooManyRequests(1))
                .willSetStateTo("waited"));
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("limited")
                .whenScenarioStateIs("waited").willReturn(com.github.tomakehurst.wiremock.client.WireMock
                        .okJson("{\"ok\":true,\"channel\":\"C3\",\"ts\":\"1700000000.000300\"}")));
        var answer = calls.call("chat.postMessage", "C3", () -> poster.chatPostMessage(r -> r.channel("C3").text("hi")));
        assertThat(answer.getTs()).isEqualTo("1700000000.000300");
        assertThat(calls.rateLimitsMet()).isEqualTo(1);
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
