package dev.sitrep.commands.port;

import java.time.Duration;

/** Keys that make a side effect happen once across retries and replicas. */
public interface IdempotencyKeys {

    /**
     * Takes the key for {@code hold}; false when it is taken or already done. A holder that dies
     * loses the key when the hold ends, so the work is retried rather than lost.
     */
    boolean begin(String key, Duration hold);

    /** True once {@link #complete} was called for the key (and its {@code keep} has not run out). */
    boolean isDone(String key);

    /** Marks the work done, remembered for {@code keep}. */
    void complete(String key, Duration keep);

    /** Gives the key back after a failure so the next attempt may run. */
    void abandon(String key);

    /**
     * Counts one more failure of the work under {@code key} (the count is kept for {@code keep}
     * after the last one) and returns how many there were, across replicas: how often to try again
     * is decided on it.
     */
    int failed(String key, Duration keep);
}
