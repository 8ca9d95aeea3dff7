package dev.sitrep.postmortem;

import dev.sitrep.http.CallFailed;

/** A sink's remote call failed; the message names the service, the call and the status, never a token. */
public final class SinkFailure extends RuntimeException {

    private final int status;
    private final boolean outcomeUnknown;

    SinkFailure(String message, CallFailed cause) {
        super(message, cause);
        this.status = cause.status();
        this.outcomeUnknown = cause.outcomeUnknown();
    }

    SinkFailure(String message, SinkFailure cause) {
        super(message, cause);
        this.status = cause.status;
        this.outcomeUnknown = cause.outcomeUnknown;
    }

    /** The HTTP status, or 0 when there was none (network error, timeout). */
    public int status() {
        return status;
    }

    /** A create whose answer was lost: it may exist, so it is looked up rather than made again. */
    boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
