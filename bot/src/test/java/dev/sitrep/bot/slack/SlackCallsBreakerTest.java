package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.SlackCallFailed;
import dev.sitrep.slack.SlackCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §3: during a burst the Slack breaker counted 429s as failures, opened, and every Slack
 * call was refused for 30 s. Slack keeps its SDK but follows the shared policy: a rate limit paces,
 * only Slack's own failures open the breaker.
 */
class SlackCallsBreakerTest {

    private final FakeSlackApi slack = new FakeSlackApi();
    private final Slack sdk;
    private final MethodsClient client;
    /** One attempt per call, so each call is one sample; four samples, half of them failures, open it. */
    private final SlackCalls calls = new SlackCalls(OutboundPolicy.of(1, Duration.ofMillis(10), Duration.ofSeconds(5))
            .withBreaker(4, 4, Duration.ofMinutes(5)));

    SlackCallsBreakerTest() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.url());
        config.getMethodsConfig().setStatsEnabled(false);
        sdk = Slack.getInstance(config);
        client = sdk.methods("xoxb-test-token");
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    private void postOnce() {
        calls.call("chat.postMessage", null, () -> client.chatPostMessage(r -> r.channel("C1").text("hello")));
    }

    @Test
    void rateLimitsNeverOpenTheBreakerButSlacksFailuresDo() {
        // https://api.slack.com/apis/rate-limits: HTTP 429 with Retry-After (seconds) and error "ratelimited".
        var limited = slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .willReturn(FakeSlackApi.tooManyRequests(0)));
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(this::postOnce).isInstanceOf(SlackCallFailed.class).hasMessageContaining("http_429");
        }
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.breaker().getMetrics().getNumberOfFailedCalls()).isZero();

        slack.server.removeStub(limited);
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(this::postOnce).isInstanceOf(SlackCallFailed.class).hasMessageContaining("http_503");
        }
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(this::postOnce).isInstanceOf(SlackCallFailed.class).hasMessageContaining("slack_unavailable");
        assertThat(slack.requests("chat.postMessage")).hasSize(12);
    }
}
