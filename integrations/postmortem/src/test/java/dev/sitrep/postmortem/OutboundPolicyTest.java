package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.http.Call;
import dev.sitrep.http.CallFailed;
import dev.sitrep.http.HttpService;
import dev.sitrep.http.OutboundPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared policy's circuit breaker, against the GitHub fake: server errors open it, rate limits never do. */
class OutboundPolicyTest {

    private static final String REPO = "/repos/acme/ops";

    private final FakeGitHub github = new FakeGitHub("gh-test-token");
    /** One attempt per call, so each call is one sample; four samples, half of them failures, open it. */
    private final OutboundPolicy policy = OutboundPolicy.of(1, Duration.ofMillis(10), Duration.ofSeconds(30))
            .withBreaker(4, 4, Duration.ofMinutes(5));
    private final HttpService service = new HttpService("GitHub", policy, Map.of("Authorization", "Bearer gh-test-token"));

    @AfterEach
    void stop() {
        github.shutdown();
    }

    private Call repository() {
        return Call.get(github.url() + REPO);
    }

    @Test
    void serverErrorsOpenTheBreakerAndThenNothingIsSent() {
        github.failNext("GET", REPO, 502, 4);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> service.send(repository())).isInstanceOf(CallFailed.class)
                    .hasMessage("GitHub GET /repos/acme/ops failed after 1 attempts: HTTP 502 Server Error");
        }
        assertThat(service.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> service.send(repository())).isInstanceOf(CallFailed.class)
                .hasMessage("GitHub GET /repos/acme/ops was not sent: GitHub failed repeatedly, so calls pause for 300 s"
                        + " (circuit breaker open)")
                .satisfies(e -> assertThat(((CallFailed) e).kind()).isEqualTo(CallFailed.Kind.UNAVAILABLE));
        github.server().verify(4, getRequestedFor(urlEqualTo(REPO)));
    }

    /** Issue 15 §3: a burst of rate limits must never open the breaker and cut every call off. */
    @Test
    void rateLimitsNeverOpenTheBreaker() {
        for (int i = 0; i < 8; i++) {
            github.rateLimitNext("GET", REPO, i % 2 == 0 ? 429 : 403, 0);
            assertThatThrownBy(() -> service.send(repository())).isInstanceOf(CallFailed.class)
                    .hasMessageContaining("You have exceeded a secondary rate limit");
        }
        assertThat(service.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(service.breaker().getMetrics().getNumberOfFailedCalls()).isZero();

        assertThat(service.send(repository()).body()).contains("\"default_branch\":\"main\"");
        github.server().verify(9, getRequestedFor(urlEqualTo(REPO)));
    }

    /** A refusal is the caller's problem, not the service's: it is final and the breaker stays closed. */
    @Test
    void refusalsAreFinalNamedAndDoNotCountAgainstTheService() {
        HttpService wrongToken = new HttpService("GitHub", policy, Map.of("Authorization", "Bearer gh-wrong-token"));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> wrongToken.send(repository())).isInstanceOf(CallFailed.class)
                    .hasMessage("GitHub GET /repos/acme/ops answered HTTP 401 Bad credentials")
                    .satisfies(e -> assertThat(((CallFailed) e).kind()).isEqualTo(CallFailed.Kind.REFUSED));
        }
        assertThat(wrongToken.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        github.server().verify(4, getRequestedFor(urlEqualTo(REPO)));
    }
}
