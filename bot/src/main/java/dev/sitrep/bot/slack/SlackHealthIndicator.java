package dev.sitrep.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code /actuator/health/slack}: down while the circuit breaker around Slack's Web API is open
 * (most recent calls failed) or while Slack rejects the bot token. The token is checked with
 * auth.test at most once per {@code recheck}, so probes do not spend Slack's rate limits. Not part
 * of readiness: a Slack outage must not take the Discord side out of service.
 */
final class SlackHealthIndicator extends AbstractHealthIndicator {

    private final MethodsClient slack;
    private final CircuitBreaker breaker;
    private final SlackSocketMode socketMode;
    private final long recheckNanos;
    private volatile @Nullable TokenCheck lastCheck;

    private record TokenCheck(long atNanos, boolean ok, String detail) {
    }

    SlackHealthIndicator(MethodsClient slack, CircuitBreaker breaker, SlackSocketMode socketMode, Duration recheck) {
        super("Slack check failed");
        this.slack = slack;
        this.breaker = breaker;
        this.socketMode = socketMode;
        this.recheckNanos = recheck.toNanos();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CircuitBreaker.State state = breaker.getState();
        builder.withDetail("circuitBreaker", state.name())
                .withDetail("failureRate", breaker.getMetrics().getFailureRate());
        TokenCheck token = token();
        builder.withDetail("token", token.detail());
        // In Socket Mode commands arrive over the WebSocket: without it sitrep hears nothing.
        boolean socketDown = socketMode.connected().map(open -> {
            builder.withDetail("socketMode", open ? "connected" : "disconnected");
            return !open;
        }).orElse(false);
        if (!token.ok() || socketDown || state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            builder.down();
        } else if (state == CircuitBreaker.State.HALF_OPEN) {
            builder.unknown();
        } else {
            builder.up();
        }
    }

    private TokenCheck token() {
        TokenCheck check = lastCheck;
        long now = System.nanoTime();
        if (check != null && now - check.atNanos() < recheckNanos) {
            return check;
        }
        try {
            AuthTestResponse response = slack.authTest(r -> r);
            check = response.isOk() ? new TokenCheck(now, true, "valid for team " + response.getTeam())
                    : new TokenCheck(now, false, "rejected: " + response.getError());
        } catch (Exception e) {
            // Slack unreachable says nothing about the token; the breaker reports the outage.
            check = new TokenCheck(now, true, "not checked: " + e.getClass().getSimpleName());
        }
        lastCheck = check;
        return check;
    }
}
