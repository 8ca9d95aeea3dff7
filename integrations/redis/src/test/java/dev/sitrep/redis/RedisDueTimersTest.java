package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.DueTimers.ClaimedTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisDueTimersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final RedisKeys keys = TestRedis.freshKeys();
    private final RedisDueTimers timers = new RedisDueTimers(TestRedis.connect(), keys, LEASE);

    @Test
    void onlyDueTimersAreClaimedAndEachOnce() {
        timers.arm(new IncidentId(1), NOW.minusSeconds(1));
        timers.arm(new IncidentId(2), NOW);
        timers.arm(new IncidentId(3), NOW.plusSeconds(1));

        List<ClaimedTimer> first = timers.claimDue(NOW, 10);
        assertThat(first).extracting(ClaimedTimer::id).containsExactly(new IncidentId(1), new IncidentId(2));
        assertThat(first.get(0).due()).isEqualTo(NOW.minusSeconds(1));
        assertThat(timers.claimDue(NOW, 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plusSeconds(1), 10)).extracting(ClaimedTimer::id).containsExactly(new IncidentId(3));
    }

    @Test
    void nextDueIsTheEarliestTimerIncludingALeasedClaim() {
        assertThat(timers.nextDue()).isEmpty();
        timers.arm(new IncidentId(1), NOW.plusSeconds(60));
        timers.arm(new IncidentId(2), NOW.plusSeconds(5));
        assertThat(timers.nextDue()).contains(NOW.plusSeconds(5));
        timers.arm(new IncidentId(3), NOW);
        assertThat(timers.claimDue(NOW, 10)).hasSize(1);
        // Claimed and not released: it comes due again when its lease runs out, after #2.
        assertThat(timers.nextDue()).contains(NOW.plusSeconds(5));
        timers.cancel(new IncidentId(2));
        assertThat(timers.nextDue()).contains(NOW.plus(LEASE));
    }

    @Test
    void aClaimNotReleasedComesDueAgainAfterItsLease() {
        timers.arm(new IncidentId(1), NOW);
        assertThat(timers.claimDue(NOW, 10)).hasSize(1);
        // The claiming replica died here.
        assertThat(timers.claimDue(NOW.plus(LEASE).minusMillis(1), 10)).isEmpty();
        assertThat(timers.claimDue(NOW.plus(LEASE), 10)).extracting(ClaimedTimer::id).containsExactly(new IncidentId(1));
    }

    @Test
    void releaseReArmsOrRemoves() {
        timers.arm(new IncidentId(1), NOW);
        timers.arm(new IncidentId(2), NOW);
        List<ClaimedTimer> claims = timers.claimDue(NOW, 10);
        timers.release(claims.get(0), NOW.plusSeconds(900));
        timers.release(claims.get(1), null);
        assertThat(timers.dueOf(new IncidentId(1))).isEqualTo(NOW.plusSeconds(900));
        assertThat(timers.dueOf(new IncidentId(2))).isNull();
    }

    @Test
    void aReArmOrCancelDuringTheClaimWins() {
        timers.arm(new IncidentId(1), NOW);
        timers.arm(new IncidentId(2), NOW);
        List<ClaimedTimer> claims = timers.claimDue(NOW, 10);
        timers.arm(new IncidentId(1), NOW.plusSeconds(1800)); // an update came in meanwhile
        timers.cancel(new IncidentId(2));                      // the incident was resolved meanwhile
        timers.release(claims.get(0), NOW.plusSeconds(900));
        timers.release(claims.get(1), NOW.plusSeconds(900));
        assertThat(timers.dueOf(new IncidentId(1))).isEqualTo(NOW.plusSeconds(1800));
        assertThat(timers.dueOf(new IncidentId(2))).isNull();
    }

    @Test
    void claimsAreBoundedByTheLimit() {
        for (int i = 1; i <= 25; i++) {
            timers.arm(new IncidentId(i), NOW);
        }
        assertThat(timers.claimDue(NOW, 10)).hasSize(10);
        assertThat(timers.claimDue(NOW, 10)).hasSize(10);
        assertThat(timers.claimDue(NOW, 10)).hasSize(5);
    }
}
