package dev.sitrep.http;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One attempt that did not succeed, as the retry loop and the circuit breaker see it. Not a
 * {@link CallFailed}: whether it becomes one depends on the attempts left and on the call.
 */
final class Attempt extends RuntimeException {

    final int status;
    final String serviceError;
    final Optional<Duration> retryAfter;
    /** The service asked us to slow down: wait, never count it against the service. */
    final boolean rateLimited;
    /** 4xx: the answer will not change by asking again. */
    final boolean refused;
    /** The request certainly did nothing (refused connection, rate limit, 503), so even a POST may be sent again. */
    final boolean certainlyNotDone;

    private Attempt(int status, String serviceError, Optional<Duration> retryAfter, boolean rateLimited,
                    boolean refused, boolean certainlyNotDone, @Nullable Throwable cause) {
        super(status == 0 ? String.valueOf(cause) : "HTTP " + status, cause, false, false);
        this.status = status;
        this.serviceError = serviceError;
        this.retryAfter = retryAfter;
        this.rateLimited = rateLimited;
        this.refused = refused;
        this.certainlyNotDone = certainlyNotDone;
    }

    /** No answer. {@code neverSent}: the connection was never made, so nothing reached the service. */
    static Attempt network(Throwable cause, boolean neverSent) {
        return new Attempt(0, "", Optional.empty(), false, false, neverSent, cause);
    }

    /**
     * An answer that is not 2xx. A rate limit is 429, or a 403 that says when to come back (GitHub
     * answers its rate limits with either:
     * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#rate-limit-errors).
     * A 503 means the service did not take the request on
     * (https://www.rfc-editor.org/rfc/rfc9110#name-503-service-unavailable).
     */
    static Attempt answered(int status, String serviceError, Optional<Duration> retryAfter) {
        boolean rateLimited = status == 429 || (status == 403 && retryAfter.isPresent());
        boolean refused = !rateLimited && status < 500;
        return new Attempt(status, serviceError, retryAfter, rateLimited, refused, rateLimited || status == 503, null);
    }

    /** What the breaker counts: the service failed, not us and not its pacing. */
    boolean serviceFault() {
        return !rateLimited && !refused;
    }

    /** "HTTP 502 Server Error", or the network error's name. */
    String what() {
        if (status == 0) {
            Throwable cause = getCause();
            return cause == null ? "no answer" : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null || cause.getMessage().isBlank() ? "" : " (" + cause.getMessage() + ")");
        }
        return "HTTP " + status + (serviceError.isEmpty() ? "" : " " + serviceError);
    }
}
