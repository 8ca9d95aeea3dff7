package dev.sitrep.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §3: calls wait their turn in one line per limit (first come, first served, reminders
 * first), a Retry-After pauses only its own line, and the place told is the place kept. The clock
 * is moved by hand: nothing here depends on how fast the machine is.
 */
class PacerTest {

    private static final Pacer.Limit TIER_2 = Pacer.Limit.perMinute(20);
    private static final Pacer.Limit ONE_PER_SECOND = new Pacer.Limit(1, Duration.ofSeconds(1));

    private final HandClock clock = new HandClock();

    @Test
    void aLineHandsOutItsWindowThenWaitsForTheOldestCallToLeaveIt() {
        Bucket line = new Bucket(TIER_2);
        Instant start = clock.instant();
        for (int i = 0; i < 20; i++) {
            Pacer.Ticket t = line.join(Pacer.Lane.NORMAL);
            assertThat(line.readyAt(clock.instant())).isEqualTo(clock.instant());
            line.send(t, clock.instant());
            line.answered(t, clock.instant());
            clock.move(Duration.ofSeconds(1));
        }
        Pacer.Ticket twentyFirst = line.join(Pacer.Lane.NORMAL);
        // The first call was sent at start: the 21st may go a minute after it, not before.
        assertThat(line.readyAt(clock.instant())).isEqualTo(start.plus(Duration.ofMinutes(1)));
        assertThat(line.estimate(line.place(twentyFirst), clock.instant())).isEqualTo(start.plus(Duration.ofMinutes(1)));
    }

    @Test
    void theEstimateOfEachPlaceIsWhenItsSlotFreesUp() {
        Bucket line = new Bucket(new Pacer.Limit(2, Duration.ofSeconds(10)));
        Instant start = clock.instant();
        Pacer.Ticket first = line.join(Pacer.Lane.NORMAL);
        line.send(first, start);
        line.answered(first, start);
        clock.move(Duration.ofSeconds(4));
        Pacer.Ticket second = line.join(Pacer.Lane.NORMAL);
        line.send(second, clock.instant());
        line.answered(second, clock.instant());
        // Places 1..4 wait for start+10, start+14, then a round later start+20, start+24.
        assertThat(List.of(1, 2, 3, 4).stream().map(p -> line.estimate(p, clock.instant())))
                .containsExactly(start.plusSeconds(10), start.plusSeconds(14), start.plusSeconds(20), start.plusSeconds(24));
    }

    @Test
    void anAnswerCountsFromWhenItCameBackSoTheServiceNeverSeesTwoCallsInsideOneWindow() {
        Bucket line = new Bucket(ONE_PER_SECOND);
        Pacer.Ticket slow = line.join(Pacer.Lane.NORMAL);
        Instant sent = clock.instant();
        line.send(slow, sent);
        clock.move(Duration.ofMillis(300));
        line.answered(slow, clock.instant());
        line.join(Pacer.Lane.NORMAL);
        assertThat(line.readyAt(clock.instant())).isEqualTo(sent.plusMillis(1300));
    }

    /**
     * A call not answered within a window (a loaded machine, a slow service) may reach the service
     * only now: it still counts, and the next may go a window after its answer, not a window after it
     * was sent.
     */
    @Test
    void aCallStillOutAfterAWindowStillCountsUntilItsAnswer() {
        Bucket line = new Bucket(ONE_PER_SECOND);
        Pacer.Ticket slow = line.join(Pacer.Lane.NORMAL);
        line.send(slow, clock.instant());
        clock.move(Duration.ofMillis(1500));
        Pacer.Ticket next = line.join(Pacer.Lane.NORMAL);
        assertThat(line.readyAt(clock.instant())).as("still out: the service may be counting it now")
                .isAfter(clock.instant());
        line.answered(slow, clock.instant());
        Instant answered = clock.instant();
        assertThat(line.readyAt(clock.instant())).isEqualTo(answered.plusSeconds(1));
        assertThat(line.estimate(line.place(next), clock.instant())).isEqualTo(answered.plusSeconds(1));
    }

    /** Discord says when a bucket is used up (X-RateLimit-Remaining 0, Reset-After): the line waits that out. */
    @Test
    void aWindowTheServiceSaysIsUsedUpHoldsTheLineUntilItResets() {
        Bucket line = new Bucket(new Pacer.Limit(50, Duration.ofSeconds(1)));
        Instant start = clock.instant();
        line.send(line.join(Pacer.Lane.NORMAL), start);
        line.pause(start.plusMillis(4200));
        Pacer.Ticket next = line.join(Pacer.Lane.NORMAL);
        assertThat(line.readyAt(clock.instant())).isEqualTo(start.plusMillis(4200));
        assertThat(line.estimate(line.place(next), clock.instant())).isEqualTo(start.plusMillis(4200));
        line.pause(start.plusMillis(1000));
        assertThat(line.readyAt(clock.instant())).as("an earlier reset never shortens a pause").isEqualTo(start.plusMillis(4200));
    }

    @Test
    void remindersGoAheadOfEverythingWaitingButNeverAheadOfOtherReminders() {
        Bucket line = new Bucket(ONE_PER_SECOND);
        line.send(line.join(Pacer.Lane.NORMAL), clock.instant());
        Pacer.Ticket announcement = line.join(Pacer.Lane.NORMAL);
        Pacer.Ticket reminder = line.join(Pacer.Lane.FIRST);
        Pacer.Ticket laterReminder = line.join(Pacer.Lane.FIRST);
        assertThat(line.place(reminder)).isEqualTo(1);
        assertThat(line.place(laterReminder)).isEqualTo(2);
        assertThat(line.place(announcement)).isEqualTo(3);
        assertThat(line.atFront(reminder)).isTrue();
    }

    @Test
    void retryAfterPausesTheLineAndTheLimitedCallKeepsTheFront() {
        Bucket line = new Bucket(TIER_2);
        Pacer.Ticket limited = line.join(Pacer.Lane.NORMAL);
        line.send(limited, clock.instant());
        Pacer.Ticket later = line.join(Pacer.Lane.NORMAL);
        line.rateLimited(limited, Duration.ofSeconds(30), clock.instant());
        assertThat(line.atFront(limited)).isTrue();
        assertThat(line.place(later)).isEqualTo(2);
        assertThat(line.readyAt(clock.instant())).isEqualTo(clock.instant().plusSeconds(30));
        clock.move(Duration.ofSeconds(30));
        assertThat(line.readyAt(clock.instant())).isEqualTo(clock.instant());
    }

    @Test
    void waitingCallsAreSentInTheOrderTheyArrivedAndEachIsToldItsPlace() throws Exception {
        Pacer pacer = new Pacer(clock);
        Pacer.Ticket firstCall = pacer.await("conversations.create", new Pacer.Limit(1, Duration.ofSeconds(3)),
                Pacer.Lane.NORMAL, p -> { });
        pacer.answered(firstCall);
        List<Integer> sent = Collections.synchronizedList(new ArrayList<>());
        List<Pacer.Place> told = Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            CountDownLatch inLine = new CountDownLatch(1);
            Thread caller = new Thread(() -> {
                try {
                    Pacer.Ticket t = pacer.await("conversations.create", new Pacer.Limit(1, Duration.ofSeconds(3)),
                            Pacer.Lane.NORMAL, p -> {
                                told.add(p);
                                inLine.countDown();
                            });
                    sent.add(n);
                    pacer.answered(t);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            caller.start();
            callers.add(caller);
            assertThat(inLine.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(told).extracting(Pacer.Place::place).containsExactly(1, 2, 3, 4, 5);
        assertThat(told).extracting(Pacer.Place::about).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(6),
                Duration.ofSeconds(9), Duration.ofSeconds(12), Duration.ofSeconds(15));
        // Nothing moves until the clock does; then one call per three seconds, in arrival order.
        assertThat(sent).isEmpty();
        for (int i = 1; i <= 5; i++) {
            clock.move(Duration.ofSeconds(3));
            pacer.clockMoved();
            int expected = i;
            await(() -> sent.size() == expected);
            assertThat(sent).hasSize(i);
        }
        assertThat(sent).containsExactly(1, 2, 3, 4, 5);
        for (Thread caller : callers) {
            caller.join(10_000);
        }
    }

    @Test
    void aRateLimitedLineDoesNotHoldUpAnotherLine() throws Exception {
        Pacer pacer = new Pacer(clock);
        Pacer.Ticket create = pacer.await("conversations.create", TIER_2, Pacer.Lane.NORMAL, p -> { });
        pacer.rateLimited(create, Duration.ofSeconds(60));
        // Another channel's message goes at once although channel creation is paused for a minute.
        List<Pacer.Place> told = new ArrayList<>();
        Pacer.Ticket reminder = pacer.await("chat.postMessage:C1", ONE_PER_SECOND, Pacer.Lane.FIRST, told::add);
        pacer.answered(reminder);
        assertThat(told).isEmpty();
        assertThat(pacer.waiting("conversations.create")).isEqualTo(1);
    }

    /**
     * A line per channel or route would stay for every one ever called: idle lines are forgotten
     * (swept at most once per {@link Pacer#SWEEP_EVERY}), and only those. A line with a pause still
     * running, or a call still out (a 429 may put it back at the front), is kept and paces as before.
     */
    @Test
    void idleLinesAreForgottenAndLinesStillPacingAreKept() throws Exception {
        Pacer pacer = new Pacer(clock);
        for (int c = 1; c <= 100; c++) {
            pacer.answered(pacer.await("chat.postMessage:C" + c, ONE_PER_SECOND, Pacer.Lane.NORMAL, p -> { }));
        }
        Pacer.Ticket out = pacer.await("conversations.create", TIER_2, Pacer.Lane.NORMAL, p -> { });
        Pacer.Ticket usedUp = pacer.await("POST /channels/9/messages", ONE_PER_SECOND, Pacer.Lane.NORMAL, p -> { });
        pacer.pause(usedUp, Duration.ofMinutes(5));
        pacer.answered(usedUp);
        assertThat(pacer.lines()).isEqualTo(102);

        clock.move(Duration.ofSeconds(30));
        pacer.answered(pacer.await("chat.postMessage:C1", ONE_PER_SECOND, Pacer.Lane.NORMAL, p -> { }));
        assertThat(pacer.lines()).as("not swept before a sweep is due").isEqualTo(102);

        clock.move(Pacer.SWEEP_EVERY);
        pacer.answered(pacer.await("chat.postMessage:C1", ONE_PER_SECOND, Pacer.Lane.NORMAL, p -> { }));
        assertThat(pacer.lines()).as("C1 (just called), the call still out, the paused line").isEqualTo(3);

        // The call still out meets a 429: it keeps the front of its line and a newcomer waits behind it.
        pacer.rateLimited(out, Duration.ofSeconds(30));
        assertThat(toldOnJoining(pacer, "conversations.create", TIER_2)).isEqualTo(new Pacer.Place(2, Duration.ofSeconds(30)));
        // The paused line still holds its next call until the reset the service named (5 min after it said so).
        assertThat(toldOnJoining(pacer, "POST /channels/9/messages", ONE_PER_SECOND))
                .isEqualTo(new Pacer.Place(1, Duration.ofMinutes(5).minus(Duration.ofSeconds(90))));
    }

    /** Where a new call to {@code key} is told it stands; the caller then gives up waiting. */
    private static Pacer.Place toldOnJoining(Pacer pacer, String key, Pacer.Limit limit) throws Exception {
        java.util.concurrent.CompletableFuture<Pacer.Place> told = new java.util.concurrent.CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                pacer.await(key, limit, Pacer.Lane.NORMAL, told::complete);
                told.completeExceptionally(new AssertionError("sent at once"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        caller.start();
        try {
            return told.get(10, TimeUnit.SECONDS);
        } finally {
            caller.interrupt();
            caller.join(10_000);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }

    /** A clock moved by the test only. */
    static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-02T03:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
