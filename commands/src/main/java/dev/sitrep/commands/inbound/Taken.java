package dev.sitrep.commands.inbound;

/** What became of a delivery's attempt to take its idempotency key. */
public enum Taken {
    /** This delivery holds the key: its work is queued and runs once. */
    NOW,
    /** A retry or replay of a delivery taken before (here or on another replica): nothing runs. */
    ALREADY,
    /**
     * The platform refused this delivery's acknowledgement (Discord accepts one initial response per
     * interaction, so a replay of one acknowledged before is refused): not this delivery's to run.
     */
    NOT_ACKNOWLEDGED,
    /** The store did not answer in time (or too many were waiting on it): nothing runs, the user is to send it again. */
    UNAVAILABLE
}
