package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IdempotencyKeys.Attempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyKeys} does: a key is held by one at a time, "done" is remembered for
 * its keep, and a hold (or a keep) that runs out lets the work run again.
 */
public abstract class IdempotencyKeysContract {

    /** Long enough that nothing runs out between two calls of a test. */
    protected static final Duration HOLD = Duration.ofMinutes(5);
    /** Short, for the tests that watch a hold or keep run out (implementations on a wall clock wait for it). */
    protected static final Duration SHORT = Duration.ofMillis(300);

    protected IdempotencyKeys keys;

    /** New keys sharing nothing with those made before. */
    protected abstract IdempotencyKeys newKeys();

    /** Another client of the same keys, as a second replica has. */
    protected abstract IdempotencyKeys anotherClientOf(IdempotencyKeys keys);

    /** Returns once {@code key}, held or kept for {@code ttl}, has run out (moving time or waiting for it). */
    protected abstract void runOut(String key, Duration ttl);

    @BeforeEach
    void freshKeys() {
        keys = newKeys();
    }

    @Test
    void aKeyIsTakenOnce() {
        assertThat(keys.begin("post:1", HOLD)).isTrue();
        assertThat(keys.begin("post:1", HOLD)).isFalse();
        assertThat(anotherClientOf(keys).begin("post:1", HOLD)).isFalse();
        assertThat(keys.isDone("post:1")).isFalse();
        assertThat(keys.begin("post:2", HOLD)).as("another key").isTrue();
    }

    @Test
    void aDoneKeyIsDoneAndCannotBeTaken() {
        assertThat(keys.begin("post:1", HOLD)).isTrue();
        keys.complete("post:1", HOLD);
        assertThat(keys.isDone("post:1")).isTrue();
        assertThat(anotherClientOf(keys).isDone("post:1")).isTrue();
        assertThat(keys.begin("post:1", HOLD)).isFalse();
        assertThat(keys.isDone("post:2")).isFalse();
    }

    @Test
    void anAbandonedKeyCanBeTakenAgain() {
        assertThat(keys.begin("post:1", HOLD)).isTrue();
        keys.abandon("post:1");
        assertThat(keys.isDone("post:1")).isFalse();
        assertThat(anotherClientOf(keys).begin("post:1", HOLD)).isTrue();
    }

    @Test
    void aHolderThatDiesLosesTheKeyWhenItsHoldEnds() {
        assertThat(keys.begin("post:1", SHORT)).isTrue();
        runOut("post:1", SHORT);
        assertThat(keys.isDone("post:1")).isFalse();
        assertThat(anotherClientOf(keys).begin("post:1", HOLD)).isTrue();
    }

    @Test
    void doneIsForgottenWhenItsKeepRunsOut() {
        assertThat(keys.begin("post:1", HOLD)).isTrue();
        keys.complete("post:1", SHORT);
        assertThat(keys.isDone("post:1")).isTrue();
        runOut("post:1", SHORT);
        assertThat(keys.isDone("post:1")).isFalse();
        assertThat(keys.begin("post:1", HOLD)).isTrue();
    }

    /** The key taken, then its attempt marker: FIRST the first time, RETRY once a holder marked one and died. */
    @Test
    void beginAttemptTakesTheKeyAndMarksTheAttempt() {
        assertThat(keys.beginAttempt("post:1", SHORT, "attempt:post:1", HOLD)).isEqualTo(Attempt.FIRST);
        assertThat(anotherClientOf(keys).beginAttempt("post:1", HOLD, "attempt:post:1", HOLD))
                .as("held by the first").isEqualTo(Attempt.BUSY);
        assertThat(keys.begin("attempt:post:1", HOLD)).as("the marker is there").isFalse();

        runOut("post:1", SHORT);
        IdempotencyKeys next = anotherClientOf(keys);
        assertThat(next.beginAttempt("post:1", HOLD, "attempt:post:1", HOLD))
                .as("the holder died after marking its attempt").isEqualTo(Attempt.RETRY);
        next.complete("post:1", HOLD);
        assertThat(keys.beginAttempt("post:1", HOLD, "attempt:post:1", HOLD)).isEqualTo(Attempt.DONE);
        assertThat(keys.isDone("post:1")).as("DONE leaves it done").isTrue();
    }

    /** A key not taken leaves no marker: whoever takes it later acts without asking first. */
    @Test
    void beginAttemptMarksNothingWhenTheKeyIsHeld() {
        assertThat(keys.begin("post:1", SHORT)).isTrue();
        assertThat(anotherClientOf(keys).beginAttempt("post:1", HOLD, "attempt:post:1", HOLD)).isEqualTo(Attempt.BUSY);
        runOut("post:1", SHORT);
        assertThat(keys.beginAttempt("post:1", HOLD, "attempt:post:1", HOLD)).isEqualTo(Attempt.FIRST);
    }

    /** After a failure the key stays held for the wait, then is free: never free in between. */
    @Test
    void aKeyHeldAfterAFailureIsFreeOnlyOnceTheWaitIsOver() {
        assertThat(keys.begin("post:1", HOLD)).isTrue();
        keys.holdAfterFailure("post:1", SHORT);
        assertThat(anotherClientOf(keys).begin("post:1", HOLD)).as("held for the wait").isFalse();
        assertThat(keys.isDone("post:1")).isFalse();
        runOut("post:1", SHORT);
        assertThat(anotherClientOf(keys).begin("post:1", HOLD)).as("free once the wait is over").isTrue();
    }

    /** The failed try's hold ran out meanwhile: the key is taken for the wait all the same; done stays done. */
    @Test
    void holdingAfterAFailureTakesAFreeKeyAndLeavesADoneOne() {
        keys.holdAfterFailure("post:1", HOLD);
        assertThat(anotherClientOf(keys).begin("post:1", HOLD)).isFalse();
        assertThat(keys.begin("post:2", HOLD)).isTrue();
        keys.complete("post:2", HOLD);
        keys.holdAfterFailure("post:2", SHORT);
        assertThat(anotherClientOf(keys).isDone("post:2")).isTrue();
    }

    /**
     * Rivals keep trying to take a key while its holder fails and holds it for the wait, again and
     * again: as one step, no rival ever gets in (given back, then taken again, they would).
     */
    @Test
    void noRivalTakesAKeyWhileItsHolderHoldsItAfterAFailure() throws Exception {
        int rivals = 4;
        ExecutorService pool = Executors.newFixedThreadPool(rivals);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Future<Integer>> taken = new ArrayList<>();
        try {
            assertThat(keys.begin("post:1", HOLD)).isTrue();
            for (int i = 0; i < rivals; i++) {
                IdempotencyKeys own = anotherClientOf(keys);
                taken.add(pool.submit(() -> {
                    int won = 0;
                    while (!stop.get()) {
                        won += own.begin("post:1", HOLD) ? 1 : 0;
                    }
                    return won;
                }));
            }
            for (int failure = 0; failure < 300; failure++) {
                keys.holdAfterFailure("post:1", HOLD);
            }
            stop.set(true);
            int won = 0;
            for (Future<Integer> f : taken) {
                won += f.get();
            }
            assertThat(won).isZero();
        } finally {
            stop.set(true);
            pool.shutdown();
        }
    }

    @Test
    void failuresAreCountedAcrossClientsPerKey() {
        assertThat(keys.failed("post:1", HOLD)).isEqualTo(1);
        assertThat(anotherClientOf(keys).failed("post:1", HOLD)).isEqualTo(2);
        assertThat(keys.failed("post:1", HOLD)).isEqualTo(3);
        assertThat(keys.failed("post:2", HOLD)).as("another key").isEqualTo(1);
        assertThat(keys.begin("post:1", HOLD)).as("counting failures takes no key").isTrue();
    }

    @Test
    void aFailureCountIsForgottenWhenItsKeepRunsOut() {
        keys.failed("post:1", HOLD);
        assertThat(keys.failed("post:1", SHORT)).isEqualTo(2);
        runOut("failures:post:1", SHORT);
        assertThat(keys.failed("post:1", HOLD)).isEqualTo(1);
    }

    /** Eight clients take one key at the same moment: exactly one gets it. */
    @Test
    void clientsRacingForAKeyLetExactlyOneIn() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> takers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            IdempotencyKeys own = anotherClientOf(keys);
            takers.add(() -> {
                go.await();
                return own.begin("setup:1", HOLD);
            });
        }
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            takers.forEach(t -> results.add(pool.submit(t)));
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }
}
