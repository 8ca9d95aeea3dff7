package dev.sitrep.postmortem;

/** A sink's remote call failed; the message names the service, the call and the status, never a token. */
public final class SinkFailure extends RuntimeException {

    private final int status;

    SinkFailure(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when there was none (network error, timeout). */
    public int status() {
        return status;
    }

    boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }
}
