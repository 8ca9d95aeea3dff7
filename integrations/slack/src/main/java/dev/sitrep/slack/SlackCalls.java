package dev.sitrep.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Every Slack Web API call goes through here: a circuit breaker for the whole platform (a Slack
 * outage must not tie up every thread), retries that wait out {@code Retry-After} on 429 and back
 * off on 5xx and network errors, and Slack's own pace of about one message per second per channel.
 */
public final class SlackCalls {

    /** Slack's published pace for chat.postMessage is about one message per second per channel. */
    private static final RateLimiterConfig ONE_PER_SECOND = RateLimiterConfig.custom()
            .limitForPeriod(1).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build();

    private final CircuitBreaker breaker;
    private final RetryConfig retryConfig;
    private final Map<String, RateLimiter> perChannel = new ConcurrentHashMap<>();

    public SlackCalls(int maxAttempts, Duration firstBackoff) {
        this.breaker = CircuitBreaker.of("slack", CircuitBreakerConfig.custom()
                .failureRateThreshold(50).minimumNumberOfCalls(10).slidingWindowSize(20)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .recordException(SlackCalls::isTransient)
                .build());
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(SlackCalls::isTransient)
                .intervalBiFunction((attempt, outcome) -> {
                    Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                    Long retryAfter = retryAfterMillis(failure);
                    return retryAfter != null ? retryAfter : firstBackoff.toMillis() * (1L << Math.min(attempt - 1, 6));
                })
                .build();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Calls a method; {@code paceChannel} names the channel whose message pace applies, or null. */
    public <T extends SlackApiTextResponse> T call(String method, @Nullable String paceChannel, CheckedSupplier<T> call) {
        Retry retry = Retry.of("slack." + method, retryConfig);
        CheckedSupplier<T> guarded = CircuitBreaker.decorateCheckedSupplier(breaker, call);
        if (paceChannel != null) {
            RateLimiter limiter = perChannel.computeIfAbsent(paceChannel, c -> RateLimiter.of("slack." + c, ONE_PER_SECOND));
            guarded = RateLimiter.decorateCheckedSupplier(limiter, guarded);
        }
        guarded = Retry.decorateCheckedSupplier(retry, guarded);
        T response;
        try {
            response = guarded.get();
        } catch (CallNotPermittedException e) {
            throw new SlackCallFailed(method, "slack_unavailable (circuit open after repeated failures)", e);
        } catch (SlackApiException e) {
            throw new SlackCallFailed(method, "http_" + e.getResponse().code(), e);
        } catch (IOException e) {
            throw new SlackCallFailed(method, "network_error " + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new SlackCallFailed(method, e.getClass().getSimpleName(), e);
        }
        if (!response.isOk()) {
            throw new SlackCallFailed(method, String.valueOf(response.getError()), null);
        }
        return response;
    }

    static boolean isTransient(Throwable t) {
        if (t instanceof SlackApiException e) {
            int code = e.getResponse().code();
            return code == 429 || code >= 500;
        }
        return t instanceof IOException;
    }

    private static @Nullable Long retryAfterMillis(@Nullable Throwable t) {
        if (t instanceof SlackApiException e && e.getResponse().code() == 429) {
            String header = e.getResponse().header("Retry-After");
            try {
                return header == null ? 1_000L : Math.max(0, Long.parseLong(header.trim())) * 1_000L;
            } catch (NumberFormatException ignored) {
                return 1_000L;
            }
        }
        return null;
    }
}
