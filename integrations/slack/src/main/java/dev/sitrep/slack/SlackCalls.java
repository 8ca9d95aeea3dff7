package dev.sitrep.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.http.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Every Slack Web API call goes through here, under the same {@link OutboundPolicy} as the other
 * services though through Slack's own SDK: a circuit breaker for the whole platform (a Slack
 * outage must not tie up every thread) that a rate limit never opens, retries that wait out
 * {@code Retry-After} on 429 and back off on 5xx and network errors, and Slack's own pace of about
 * one message per second per channel.
 */
public final class SlackCalls {

    /** Slack's published pace for chat.postMessage is about one message per second per channel. */
    private static final RateLimiterConfig ONE_PER_SECOND = RateLimiterConfig.custom()
            .limitForPeriod(1).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build();

    private final CircuitBreaker breaker;
    private final RetryConfig retryConfig;
    private final Map<String, RateLimiter> perChannel = new ConcurrentHashMap<>();

    public SlackCalls(int maxAttempts, Duration firstBackoff) {
        this(OutboundPolicy.of(maxAttempts, firstBackoff, Duration.ofSeconds(10)));
    }

    /** The policy's timeout is the SDK's own (its HTTP client is configured in the bot). */
    public SlackCalls(OutboundPolicy policy) {
        int maxAttempts = policy.maxAttempts();
        Duration firstBackoff = policy.firstBackoff();
        // https://api.slack.com/apis/rate-limits: a 429 with Retry-After is Slack pacing us, not failing.
        this.breaker = policy.breaker("slack", SlackCalls::isServiceFault, SlackCalls::isRateLimited);
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                // A wait longer than the policy's longest fails now, by name, rather than hold a command for minutes.
                .retryOnException(t -> isTransient(t) && (retryAfterMillis(t) == null
                        || retryAfterMillis(t) <= policy.longestWait().toMillis()))
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

    private static boolean isRateLimited(Throwable t) {
        return t instanceof SlackApiException e && e.getResponse().code() == 429;
    }

    private static boolean isServiceFault(Throwable t) {
        return isTransient(t) && !isRateLimited(t);
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
            return header == null ? 1_000L : RetryAfter.ofHeader(header, Instant.now()).map(Duration::toMillis)
                    .orElse(1_000L);
        }
        return null;
    }
}
