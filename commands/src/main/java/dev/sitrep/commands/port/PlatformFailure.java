package dev.sitrep.commands.port;

/**
 * A chat platform refused or failed a call for good. Its message is meant for the person who ran
 * the command: it says what failed and what to do, and never contains a secret.
 */
public class PlatformFailure extends RuntimeException {

    public PlatformFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
