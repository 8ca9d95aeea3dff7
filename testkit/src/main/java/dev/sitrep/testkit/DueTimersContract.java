package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.DueTimers.ClaimedTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DueTimers} does: claims are atomic and leased, a release yields to a re-arm or
 * cancel made during the claim. Everything is observed through the port itself.
 */
public abstract class DueTimersContract {

    protected static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected DueTimers timers;

    /** New, empty timers whose claims are leased for {@code lease}. */
    protected abstract DueTimers newTimers(Duration lease);

    /** Another client of the same timers, as a second replica has. */
    protected abstract DueTimers anotherClientOf(DueTimers timers);

    @BeforeEach
    void freshTimers() {
        timers = newTimers(LEASE);
    }

    private static IncidentId inc(long n) {
        return new IncidentId(n);
    }

    /** The claim and, in the same step, when the earliest timer left comes due (a claim's lease counts). */
    @Test
    void claimDueAndNextTellsWhenTheEarliestTimerLeftIsDue() {
        assertThat(timers.claimDueAndNext(NOW, 10)).isEqualTo(new DueTimers.Claims(List.of(), Optional.empty()));
        timers.arm(inc(1), NOW.minusSeconds(5));
        timers.arm(inc(2), NOW.plusSeconds(5));
        DueTimers.Claims claims = anotherClientOf(timers).claimDueAndNext(NOW, 10);
        assertThat(claims.claimed()).extracting(ClaimedTimer::id).containsExactly(inc(1));
        assertThat(claims.nextDue()).contains(NOW.plusSeconds(5));
        assertThat(timers.claimDueAndNext(NOW.plusSeconds(5), 10).nextDue()).as("the leases of both").contains(NOW.plus(LEASE));
    }

    @Test
    void onlyDueTimersAreClaimedAndEachOnce() {
        timers.arm(inc(1), NOW.minusSeconds(1));
        timers.arm(inc(2), NOW);
        timers.arm(inc(3), NOW.plusSeconds(1));

        List<ClaimedTimer> first = timers.claimDue(NOW, 10);
        assertThat(first).extracting(ClaimedTimer::id).containsExactly(inc(1), inc(2));
        assertThat(first).extracting(ClaimedTimer::due).containsExactly(NOW.minusSeconds(1), NOW);
        assertThat(timers.claimDue(NOW, 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plusSeconds(1), 10)).extracting(ClaimedTimer::id).containsExactly(inc(3));
    }

    @Test
    void theEarliestDueAreClaimedFirst() {
        timers.arm(inc(1), NOW.minusSeconds(1));
        timers.arm(inc(2), NOW.minusSeconds(3));
        timers.arm(inc(3), NOW.minusSeconds(2));
        assertThat(timers.claimDue(NOW, 2)).extracting(ClaimedTimer::id).containsExactly(inc(2), inc(3));
        assertThat(timers.claimDue(NOW, 2)).extracting(ClaimedTimer::id).containsExactly(inc(1));
    }

    @Test
    void armingAgainMovesTheOneTimerOfAnIncident() {
        timers.arm(inc(1), NOW);
        timers.arm(inc(1), NOW.plusSeconds(60));
        assertThat(timers.claimDue(NOW, 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plusSeconds(60), 10)).singleElement()
                .extracting(ClaimedTimer::due).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aCancelledTimerNeverComesDue() {
        timers.arm(inc(1), NOW);
        timers.cancel(inc(1));
        timers.cancel(inc(2));
        assertThat(timers.claimDue(NOW.plus(Duration.ofDays(30)), 10)).isEmpty();
        assertThat(timers.nextDue()).isEmpty();
    }

    @Test
    void nextDueIsTheEarliestTimerIncludingALeasedClaim() {
        assertThat(timers.nextDue()).isEmpty();
        timers.arm(inc(1), NOW.plusSeconds(60));
        timers.arm(inc(2), NOW.plusSeconds(5));
        assertThat(timers.nextDue()).contains(NOW.plusSeconds(5));
        timers.arm(inc(3), NOW);
        assertThat(timers.claimDue(NOW, 10)).hasSize(1);
        // Claimed and not released: it comes due again when its lease runs out, after #2.
        assertThat(timers.nextDue()).contains(NOW.plusSeconds(5));
        timers.cancel(inc(2));
        assertThat(timers.nextDue()).contains(NOW.plus(LEASE));
    }

    @Test
    void aClaimNotReleasedComesDueAgainAfterItsLease() {
        timers.arm(inc(1), NOW);
        List<ClaimedTimer> claims = timers.claimDue(NOW, 10);
        assertThat(claims).singleElement().extracting(ClaimedTimer::lease).isEqualTo(NOW.plus(LEASE).toEpochMilli());
        // The claiming replica died here.
        assertThat(timers.claimDue(NOW.plus(LEASE).minusMillis(1), 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plus(LEASE), 10)).extracting(ClaimedTimer::id).containsExactly(inc(1));
    }

    @Test
    void releaseReArmsOrRemoves() {
        timers.arm(inc(1), NOW);
        timers.arm(inc(2), NOW);
        List<ClaimedTimer> claims = timers.claimDue(NOW, 10);
        ClaimedTimer one = claims.stream().filter(c -> c.id().equals(inc(1))).findFirst().orElseThrow();
        ClaimedTimer two = claims.stream().filter(c -> c.id().equals(inc(2))).findFirst().orElseThrow();
        timers.release(one, NOW.plusSeconds(900));
        timers.release(two, null);
        assertThat(timers.nextDue()).contains(NOW.plusSeconds(900));
        assertThat(timers.claimDue(NOW.plusSeconds(899), 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plus(Duration.ofDays(1)), 10)).singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(inc(1)))
                .satisfies(c -> assertThat(c.due()).isEqualTo(NOW.plusSeconds(900)));
    }

    @Test
    void aReArmOrCancelDuringTheClaimWins() {
        timers.arm(inc(1), NOW);
        timers.arm(inc(2), NOW);
        List<ClaimedTimer> claims = timers.claimDue(NOW, 10);
        timers.arm(inc(1), NOW.plusSeconds(1800)); // an update came in meanwhile
        timers.cancel(inc(2));                     // the incident was resolved meanwhile
        claims.forEach(claim -> timers.release(claim, NOW.plusSeconds(900)));
        assertThat(timers.claimDue(NOW.plusSeconds(1799), 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plus(Duration.ofDays(1)), 10)).singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(inc(1)))
                .satisfies(c -> assertThat(c.due()).isEqualTo(NOW.plusSeconds(1800)));
    }

    /** A claim whose lease ran out and was taken again by another replica can no longer be released by the first. */
    @Test
    void aClaimTakenOverAfterItsLeaseIsNotReleasedByItsFirstHolder() {
        timers.arm(inc(1), NOW);
        ClaimedTimer first = timers.claimDue(NOW, 10).get(0);
        ClaimedTimer second = anotherClientOf(timers).claimDue(NOW.plus(LEASE), 10).get(0);
        timers.release(first, null);
        assertThat(timers.nextDue()).contains(NOW.plus(LEASE).plus(LEASE));
        timers.release(second, NOW.plusSeconds(900));
        assertThat(timers.nextDue()).contains(NOW.plusSeconds(900));
    }

    @Test
    void claimsAreBoundedByTheLimit() {
        for (int i = 1; i <= 25; i++) {
            timers.arm(inc(i), NOW);
        }
        assertThat(timers.claimDue(NOW, 10)).hasSize(10);
        assertThat(timers.claimDue(NOW, 10)).hasSize(10);
        assertThat(timers.claimDue(NOW, 10)).hasSize(5);
    }

    /** Two clients claiming in small batches at the same moment: every timer is handed out exactly once. */
    @Test
    void twoClientsClaimingAtOnceTakeEachTimerOnce() throws Exception {
        int count = 200;
        for (int i = 1; i <= count; i++) {
            timers.arm(inc(i), NOW);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<List<IncidentId>>> claimers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            DueTimers own = anotherClientOf(timers);
            claimers.add(() -> {
                List<IncidentId> mine = new ArrayList<>();
                List<ClaimedTimer> batch;
                // Bounded, so that claims handed out again fail the test instead of looping forever.
                while (mine.size() <= count && !(batch = own.claimDue(NOW, 7)).isEmpty()) {
                    batch.forEach(t -> mine.add(t.id()));
                }
                return mine;
            });
        }
        List<IncidentId> all = new ArrayList<>();
        try {
            for (Future<List<IncidentId>> f : pool.invokeAll(claimers)) {
                all.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(all).hasSize(count).doesNotHaveDuplicates();
    }
}
