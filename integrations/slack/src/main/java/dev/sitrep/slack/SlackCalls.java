package dev.sitrep.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.http.Pacer;
import dev.sitrep.http.RetryAfter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Every Slack Web API call goes through here, under the same {@link OutboundPolicy} as the other
 * services though through Slack's own SDK. Each call waits its turn in its method's line (or, for a
 * message, its channel's) paced to Slack's published tier ({@link SlackTiers}), first come, first
 * served, reminders first. A 429 pauses that line for its {@code Retry-After} and the call keeps
 * its place at the front: a rate limit is never an attempt, never a failure and never counted by
 * the circuit breaker, which opens only on Slack's own failures (5xx, no answer; those are retried
 * with backoff up to the policy's attempts).
 */
public final class SlackCalls {

    private static final System.Logger LOG = System.getLogger(SlackCalls.class.getName());
    /** Longer than any burst's line; past it a call fails by name rather than hold its command forever. */
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);
    /** Slack never answers 429 this often to one call while it says when to come back; a stand-in gone wrong might. */
    private static final int MOST_RATE_LIMITS = 100;

    private final CircuitBreaker breaker;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Pacer pacer;
    private final Clock clock;
    private final AtomicLong rateLimited = new AtomicLong();

    public SlackCalls(int maxAttempts, Duration firstBackoff) {
        this(OutboundPolicy.of(maxAttempts, firstBackoff, Duration.ofSeconds(10)));
    }

    /** The policy's timeout is the SDK's own (its HTTP client is configured in the bot). */
    public SlackCalls(OutboundPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    SlackCalls(OutboundPolicy policy, Clock clock) {
        this.maxAttempts = policy.maxAttempts();
        this.firstBackoff = policy.firstBackoff();
        this.clock = clock;
        this.pacer = new Pacer(clock);
        // https://api.slack.com/apis/rate-limits: a 429 with Retry-After is Slack pacing us, not failing.
        this.breaker = policy.breaker("slack", SlackCalls::isServiceFault, SlackCalls::isRateLimited);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** How many 429s Slack answered since the start (each one paused its line, nothing failed). */
    public long rateLimitsMet() {
        return rateLimited.get();
    }

    /** Calls a method; {@code paceChannel} names the channel whose message pace applies, or null. */
    public <T extends SlackApiTextResponse> T call(String method, @Nullable String paceChannel, CheckedSupplier<T> call) {
        return call(method, paceChannel, Pacer.Lane.NORMAL, place -> { }, call);
    }

    /**
     * Calls a method in its line. {@code whileWaiting} is told at once where the call stands when it
     * has to wait (its place, about how long), so the person waiting for it can be told.
     */
    public <T extends SlackApiTextResponse> T call(String method, @Nullable String paceChannel, Pacer.Lane lane,
                                                   Consumer<Pacer.Place> whileWaiting, CheckedSupplier<T> call) {
        String line = SlackTiers.line(method, paceChannel);
        Pacer.Limit limit = SlackTiers.limit(method, paceChannel);
        Duration paused = Duration.ZERO;
        int limitedTimes = 0;
        for (int attempt = 1; ; attempt++) {
            Pacer.Ticket ticket = join(method, line, limit, lane, attempt == 1 ? whileWaiting : place -> { });
            T response = null;
            while (true) {
                try {
                    response = breaker.executeCheckedSupplier(call);
                    pacer.answered(ticket);
                    break;
                } catch (Throwable e) {
                    if (!isRateLimited(e)) {
                        pacer.answered(ticket);
                        if (isTransient(e) && attempt < maxAttempts) {
                            break;
                        }
                        throw failure(method, e);
                    }
                    Duration retryAfter = retryAfter((SlackApiException) e);
                    rateLimited.incrementAndGet();
                    paused = paused.plus(retryAfter);
                    if (paused.compareTo(LONGEST_PAUSE) > 0 || ++limitedTimes > MOST_RATE_LIMITS) {
                        pacer.answered(ticket);
                        throw new SlackCallFailed(method, "ratelimited (Slack kept answering 429 for "
                                + paused.toSeconds() + " s and " + limitedTimes + " tries; try again later)", e);
                    }
                    Pacer.Place place = pacer.rateLimited(ticket, retryAfter);
                    LOG.log(System.Logger.Level.INFO, () -> "Slack " + method + " answered 429; its line waits "
                            + retryAfter.toMillis() + " ms, this call is " + place.place() + " in line");
                    resume(method, ticket);
                }
            }
            if (response == null) {
                backOff(method, attempt);
                continue;
            }
            if (!response.isOk()) {
                throw new SlackCallFailed(method, String.valueOf(response.getError()), null);
            }
            return response;
        }
    }

    private Pacer.Ticket join(String method, String line, Pacer.Limit limit, Pacer.Lane lane,
                              Consumer<Pacer.Place> whileWaiting) {
        try {
            return pacer.await(line, limit, lane, whileWaiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed(method, "interrupted while waiting in line", e);
        }
    }

    private void resume(String method, Pacer.Ticket ticket) {
        try {
            pacer.resume(ticket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed(method, "interrupted while waiting in line", e);
        }
    }

    private void backOff(String method, int attempt) {
        try {
            Thread.sleep(firstBackoff.toMillis() * (1L << Math.min(attempt - 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed(method, "interrupted while waiting to try again", e);
        }
    }

    private static RuntimeException failure(String method, Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return new SlackCallFailed(method, "slack_unavailable (circuit open after repeated failures)", e);
        }
        if (e instanceof SlackApiException api) {
            return new SlackCallFailed(method, "http_" + api.getResponse().code(), e);
        }
        if (e instanceof IOException) {
            return new SlackCallFailed(method, "network_error " + e.getClass().getSimpleName(), e);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new SlackCallFailed(method, e.getClass().getSimpleName(), e);
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

    /** https://api.slack.com/apis/rate-limits#headers: Retry-After, in seconds; a second when it is missing. */
    private Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        return header == null ? Duration.ofSeconds(1)
                : RetryAfter.ofHeader(header, clock.instant()).orElse(Duration.ofSeconds(1));
    }
}
