package dev.sitrep.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How sitrep calls another service, the same for every adapter: each attempt bounded by
 * {@code timeout}; network errors, rate limits and 5xx tried up to {@code maxAttempts} times, waiting
 * what the service asks ({@code Retry-After}) or else backing off from {@code firstBackoff}, but never
 * longer than {@code longestWait}; one circuit breaker per service that opens when at least
 * {@code breakerFailureRate}% of the last {@code breakerWindow} calls failed on the service's side.
 * A rate-limit answer is never such a failure: a burst is paced, not cut off.
 */
public record OutboundPolicy(int maxAttempts, Duration firstBackoff, Duration timeout, Duration longestWait,
                             int breakerWindow, int breakerMinimumCalls, float breakerFailureRate,
                             Duration breakerOpenFor) {

    public OutboundPolicy {
        if (maxAttempts < 1 || breakerWindow < 1 || breakerMinimumCalls < 1) {
            throw new IllegalArgumentException("attempts and breaker window must be at least 1");
        }
    }

    /** The defaults around the settings operators choose (the breaker is Slack's since the first release). */
    public static OutboundPolicy of(int maxAttempts, Duration firstBackoff, Duration timeout) {
        return new OutboundPolicy(maxAttempts, firstBackoff, timeout, Duration.ofSeconds(30), 20, 10, 50f,
                Duration.ofSeconds(30));
    }

    public OutboundPolicy withBreaker(int window, int minimumCalls, Duration openFor) {
        return new OutboundPolicy(maxAttempts, firstBackoff, timeout, longestWait, window, minimumCalls,
                breakerFailureRate, openFor);
    }

    public OutboundPolicy withLongestWait(Duration wait) {
        return new OutboundPolicy(maxAttempts, firstBackoff, timeout, wait, breakerWindow, breakerMinimumCalls,
                breakerFailureRate, breakerOpenFor);
    }

    /**
     * The breaker of one service. {@code serviceFault}: the service failed (5xx, no answer) — counted;
     * {@code rateLimited}: it asked us to slow down — not counted at all; anything else (a 4xx, our
     * mistake) counts as the service working.
     */
    public CircuitBreaker breaker(String service, Predicate<Throwable> serviceFault, Predicate<Throwable> rateLimited) {
        return CircuitBreaker.of(service, CircuitBreakerConfig.custom()
                .failureRateThreshold(breakerFailureRate)
                .slidingWindowSize(breakerWindow)
                .minimumNumberOfCalls(breakerMinimumCalls)
                .waitDurationInOpenState(breakerOpenFor)
                .ignoreException(rateLimited::test)
                .recordException(serviceFault::test)
                .build());
    }

    /** The wait before attempt {@code attempt + 1} when the service did not say. */
    Duration backoff(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 6));
    }
}
