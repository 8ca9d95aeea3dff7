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
     * Runs {@code action} once for {@code key}. {@code alreadyThere} is null for actions that may
     * simply run again (set a topic, invite). A failure gives the key back and is rethrown.
     */
    <T> Done<T> run(String key, @Nullable BooleanSupplier alreadyThere, Supplier<T> action) {
        return run(key, alreadyThere, action, AS_USUAL);
    }

    /**
     * {@link #run(String, BooleanSupplier, Supplier)}, completing the key through {@code completion}
     * first (the outbox marks it done and takes the effect out in one write). Taking the key and
     * marking the attempt is one step ({@link IdempotencyKeys#beginAttempt}): the marker is written
     * before the action either way, so a holder that dies after acting is still found out.
     */
    <T> Done<T> run(String key, @Nullable BooleanSupplier alreadyThere, Supplier<T> action, Completion completion) {
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
            keys.abandon(key);
            throw e;
        }
    }
}
