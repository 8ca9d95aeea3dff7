package dev.sitrep.commands.port;

/**
 * The incident store did not answer (connection refused, command timed out, failover under way).
 * Nothing about the command is known to be half-done beyond what the store already holds, so the
 * caller is told to run it again rather than handed a stack trace.
 */
public final class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
