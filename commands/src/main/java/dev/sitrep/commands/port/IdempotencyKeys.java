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
     * Gives the key back after a failure, but only once {@code wait} has passed: until then it is
     * held, so no replica tries the work again before its next try is due. One step: given back
     * and then taken again as two, another replica could take the key in between and act at once.
     * A key found done stays done; one found free (its hold ran out meanwhile) is taken for the wait.
     */
    void holdAfterFailure(String key, Duration wait);

    /** What {@link #beginAttempt} found. */
    enum Attempt {
        /** Taken, and no attempt was marked before: nobody has acted yet. */
        FIRST,
        /** Taken, but an earlier holder marked an attempt (and may have acted before it died). */
        RETRY,
        /** Not taken: the work is done. */
        DONE,
        /** Not taken: someone holds the key now. */
        BUSY
    }

    /**
     * {@link #begin}{@code (key, hold)} and, when it is taken, {@link #begin}{@code (attemptKey,
     * keep)} to mark that an attempt was made; when it is not, {@link #isDone}{@code (key)}. An
     * implementation over a network does all of it in one step (one round trip); this default is the
     * three calls, which is what it means.
     */
    default Attempt beginAttempt(String key, Duration hold, String attemptKey, Duration keep) {
        if (!begin(key, hold)) {
            return isDone(key) ? Attempt.DONE : Attempt.BUSY;
        }
        return begin(attemptKey, keep) ? Attempt.FIRST : Attempt.RETRY;
    }

    /**
     * Counts one more failure of the work under {@code key} (the count is kept for {@code keep}
     * after the last one) and returns how many there were, across replicas: how often to try again
     * is decided on it.
     */
    int failed(String key, Duration keep);
}
