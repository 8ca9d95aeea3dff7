package dev.sitrep.commands.engine;

import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IdempotencyKeys.Attempt;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The exactly-once protocol for a side effect on a platform: take its key ({@code begin}, held for
 * a while), mark an {@code attempt:} before acting, act, mark it done ({@code complete}). A holder
 * that dies lets the hold run out; the next one finds the attempt marker and, where the platform
 * can tell, asks it ({@code alreadyThere}) before acting again, so a crash never doubles a post.
 */
final class ExactlyOnce {

    static final Duration KEEP_DONE = Duration.ofDays(2);

    enum Outcome {
        /** Done by this call (or found already there after a crashed attempt). */
        DONE,
        /** Done before, by someone else or an earlier call. */
        WAS_DONE,
        /** Someone else holds the key right now, or died holding it: not done yet, try later. */
        BUSY
    }

    private final IdempotencyKeys keys;
    /** How long a key is held while its action runs ({@link EngineSettings#effectHold()}). */
    private final Duration hold;

    ExactlyOnce(IdempotencyKeys keys, Duration hold) {
        this.keys = keys;
        this.hold = hold;
    }

    /** How a run ended, and what the action returned when it ran now. */
    record Done<T>(Outcome outcome, @Nullable T value) {
    }

    /**
     * Records the key done once the action ran; true when it did so (and whatever else it records
     * in the same step), false when it wrote nothing and the key is to be completed as usual.
     */
    @FunctionalInterface
    interface Completion {
        boolean complete(String key, Duration keep);
    }

    private static final Completion AS_USUAL = (key, keep) -> false;

    /**
     * How long a failed action's key stays held before another try may take it; zero gives it back
     * at once. Called once per failure, before the key is given back (the outbox counts the failure
     * there and waits longer after each).
     */
    @FunctionalInterface
    interface BackOff {
        Duration after(RuntimeException failure);
    }

    private static final BackOff AT_ONCE = failure -> Duration.ZERO;

    /**
     * Runs {@code action} once for {@code key}. {@code alreadyThere} is null for actions that may
     * simply run again (set a topic, invite). A failure gives the key back and is rethrown.
     */
    <T> Done<T> run(String key, @Nullable BooleanSupplier alreadyThere, Supplier<T> action) {
        return run(key, alreadyThere, action, AS_USUAL, AT_ONCE);
    }

    /**
     * {@link #run(String, BooleanSupplier, Supplier)}, completing the key through {@code completion}
     * first (the outbox marks it done and takes the effect out in one write), and after a failure
     * holding the key for the {@code backOff}'s wait. Taking the key and marking the attempt is one
     * step ({@link IdempotencyKeys#beginAttempt}): the marker is written before the action either
     * way, so a holder that dies after acting is still found out. Holding it for the wait is one
     * step too ({@link IdempotencyKeys#holdAfterFailure}): the key is never free in between.
     */
    <T> Done<T> run(String key, @Nullable BooleanSupplier alreadyThere, Supplier<T> action, Completion completion,
                    BackOff backOff) {
        Attempt attempt = keys.beginAttempt(key, hold, "attempt:" + key, KEEP_DONE);
        if (attempt == Attempt.DONE || attempt == Attempt.BUSY) {
            return new Done<>(attempt == Attempt.DONE ? Outcome.WAS_DONE : Outcome.BUSY, null);
        }
        try {
            boolean retried = attempt == Attempt.RETRY;
            T value = retried && alreadyThere != null && alreadyThere.getAsBoolean() ? null : action.get();
            if (!completion.complete(key, KEEP_DONE)) {
                keys.complete(key, KEEP_DONE);
            }
            return new Done<>(Outcome.DONE, value);
        } catch (RuntimeException e) {
            giveBack(key, e, backOff);
            throw e;
        }
    }

    /**
     * Gives the key back at once, or after the back-off's wait. When the back-off itself fails (it
     * could not count the failure) the key is given back at once and the back-off's exception is
     * thrown, carrying {@code failure}.
     */
    private void giveBack(String key, RuntimeException failure, BackOff backOff) {
        Duration wait;
        try {
            wait = backOff.after(failure);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            keys.abandon(key);
            throw e;
        }
        if (wait.isZero() || wait.isNegative()) {
            keys.abandon(key);
        } else {
            keys.holdAfterFailure(key, wait);
        }
    }
}
