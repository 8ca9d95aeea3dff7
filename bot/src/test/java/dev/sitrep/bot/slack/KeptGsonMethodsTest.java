package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.KeptGsonMethods;
import dev.sitrep.slack.SlackCallFailed;
import dev.sitrep.slack.SlackCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §1: every Slack call sitrep makes reads its answer with one kept Gson ({@link
 * KeptGsonMethods}). Over real HTTP against the Slack stand-in it must be the SDK's client in every
 * way that matters: the same request (endpoint, Bearer token, form), the same answer with its
 * headers, Slack's refusals named, and a 429 waited out in line without failing or touching the breaker.
 */
class KeptGsonMethodsTest {

    private final FakeSlackApi slack = new FakeSlackApi();
    private final Slack sdk;
    private final MethodsClient client;
    private final SlackCalls calls = new SlackCalls(OutboundPolicy.of(1, Duration.ofMillis(10), Duration.ofSeconds(5)));

    KeptGsonMethodsTest() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.url());
        config.getMethodsConfig().setStatsEnabled(false);
        sdk = Slack.getInstance(config);
        client = KeptGsonMethods.of(sdk, "xoxb-test-token");
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    @Test
    void sendsWhatTheSdkSendsAndReadsSlacksAnswer() {
        slack.channelCreated("C77", "inc-7-db");
        var created = calls.call("conversations.create", null,
                () -> client.conversationsCreate(r -> r.name("inc-7-db").isPrivate(false)));
        assertThat(created.isOk()).isTrue();
        assertThat(created.getChannel().getId()).isEqualTo("C77");
        assertThat(created.getChannel().getName()).isEqualTo("inc-7-db");
        assertThat(created.getHttpResponseHeaders()).containsKey("content-type");
        var sent = slack.requests("conversations.create").get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(FakeSlackApi.form(sent)).containsEntry("name", "inc-7-db");

        var ephemeral = calls.call("chat.postEphemeral", null,
                () -> client.chatPostEphemeral(r -> r.channel("C77").user("U1").text("Received.")));
        assertThat(ephemeral.getMessageTs()).isEqualTo("1700000000.000200");
        var user = calls.call("users.info", null, () -> client.usersInfo(r -> r.user("U2")));
        assertThat(user.getUser().getProfile().getDisplayName()).isEqualTo("bob");
    }

    @Test
    void slacksRefusalIsNamedAndA429IsWaitedOutInLine() {
        slack.refuse("conversations.invite", "channel_not_found");
        assertThatThrownBy(() -> calls.call("conversations.invite", null, () -> client.conversationsInvite(r -> r
                .channel("C9").users(List.of("U1"))))).isInstanceOf(SlackCallFailed.class)
                .hasMessageContaining("channel_not_found");

        slack.server.stubFor(post(urlEqualTo("/api/pins.add")).atPriority(1).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(FakeSlackApi.tooManyRequests(1))
                .willSetStateTo("waited"));
        slack.server.stubFor(post(urlEqualTo("/api/pins.add")).atPriority(1).inScenario("limited")
                .whenScenarioStateIs("waited").willReturn(com.github.tomakehurst.wiremock.client.WireMock
                        .okJson("{\"ok\":true}")));
        var pinned = calls.call("pins.add", null, () -> client.pinsAdd(r -> r.channel("C3").timestamp("1700000000.000300")));
        assertThat(pinned.isOk()).isTrue();
        assertThat(calls.rateLimitsMet()).isEqualTo(1);
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
