package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.slack.api.methods.MethodsClient;
import dev.sitrep.http.Pacer;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.SlackCallFailed;
import dev.sitrep.slack.SlackCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    void rateLimitsNeitherFailTheCallNorOpenTheBreakerButSlacksFailuresDo() {
        // https://api.slack.com/apis/rate-limits: HTTP 429 with Retry-After (seconds) and error "ratelimited".
        String state = Scenario.STARTED;
        for (int i = 1; i <= 8; i++) {
            slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("limited")
                    .whenScenarioStateIs(state).willReturn(FakeSlackApi.tooManyRequests(0))
                    .willSetStateTo("after " + i));
            state = "after " + i;
        }
        postOnce();
        assertThat(slack.requests("chat.postMessage")).hasSize(9);
        assertThat(calls.rateLimitsMet()).isEqualTo(8);
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.breaker().getMetrics().getNumberOfFailedCalls()).isZero();

        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        // Four samples (the success and three 503s), three of them failures: open.
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::postOnce).isInstanceOf(SlackCallFailed.class).hasMessageContaining("http_503");
        }
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(this::postOnce).isInstanceOf(SlackCallFailed.class).hasMessageContaining("slack_unavailable");
        assertThat(slack.requests("chat.postMessage")).hasSize(12);
    }

    /**
     * Issue 15 §3 over real HTTP: more messages to one channel than Slack takes in a second, and
     * channel creations that Slack (counting another replica's calls too) answers with 429: every
     * call succeeds, each waiting caller is told its place, and the breaker never notices.
     */
    @Test
    void aBurstOverSlacksLimitsIsPacedNeverFailed() throws Exception {
        slack.enforceTierLimits();
        slack.channelCreated("C9", "inc-9");
        slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1).inScenario("other replica")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(FakeSlackApi.tooManyRequests(1))
                .willSetStateTo("window free"));
        List<Pacer.Place> told = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                done.add(callers.submit(() -> calls.call("chat.postMessage", "C1", Pacer.Lane.NORMAL, told::add,
                        () -> client.chatPostMessage(r -> r.channel("C1").text("update " + n)))));
            }
            for (int i = 0; i < 3; i++) {
                done.add(callers.submit(() -> calls.call("conversations.create", null, Pacer.Lane.NORMAL, told::add,
                        () -> client.conversationsCreate(r -> r.name("inc-9")))));
            }
            for (Future<?> f : done) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(slack.messagesTo("C1")).hasSize(5);
        // The messages were paced before Slack could refuse one; the creation met the other replica's 429.
        assertThat(slack.requests("chat.postMessage")).hasSize(5);
        assertThat(slack.requests("conversations.create")).hasSize(4);
        assertThat(calls.rateLimitsMet()).isEqualTo(1);
        // Four messages waited behind the first; each was told its place in line.
        assertThat(told).extracting(Pacer.Place::place).contains(4);
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
