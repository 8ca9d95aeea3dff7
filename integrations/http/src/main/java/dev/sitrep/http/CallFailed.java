package dev.sitrep.http;

/**
 * A call that failed for good, named for the people who must act on it: the service, the method, the
 * path (never the query, never a token), the status and the service's own error text.
 */
public final class CallFailed extends RuntimeException {

    /** Why it failed, which decides what the caller may do next. */
    public enum Kind {
        /** A 4xx: the service refused it; sending it again changes nothing. */
        REFUSED,
        /** The service kept failing (5xx, no answer) until the attempts ran out; nothing was left half done. */
        FAILED,
        /** A call that is not safe to repeat lost its answer: it may have been done. Look before trying again. */
        OUTCOME_UNKNOWN,
        /** The service asked for a longer pause than sitrep holds a command for. */
        RATE_LIMITED,
        /** The circuit breaker is open: the service failed repeatedly, nothing was sent. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String service;
    private final int status;
    private final String serviceError;

    CallFailed(Kind kind, String service, String message, int status, String serviceError, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.service = service;
        this.status = status;
        this.serviceError = serviceError;
    }

    public Kind kind() {
        return kind;
    }

    public String service() {
        return service;
    }

    /** The HTTP status, or 0 when there was none (network error, timeout, breaker open). */
    public int status() {
        return status;
    }

    /** The service's own words (e.g. GitHub's "Bad credentials"), or empty. */
    public String serviceError() {
        return serviceError;
    }

    public boolean outcomeUnknown() {
        return kind == Kind.OUTCOME_UNKNOWN;
    }
}
