package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.IncidentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One timer per open incident: when its next reminder is due. Claims are atomic and leased, so
 * with several replicas each due timer is handled once, and a claim whose holder dies comes due again.
 */
public interface DueTimers {

    void arm(IncidentId id, Instant due);

    void cancel(IncidentId id);

    /** Atomically takes up to {@code limit} timers due at {@code now}, leasing them for a while. */
    List<ClaimedTimer> claimDue(Instant now, int limit);

    /**
     * Ends a claim: re-arms at {@code next}, or removes the timer when {@code next} is null, unless
     * someone re-armed or cancelled it since the claim (then their change stands).
     */
    void release(ClaimedTimer claim, @Nullable Instant next);

    /** When the earliest timer comes due (a leased claim: when its lease runs out); empty when none is armed. */
    Optional<Instant> nextDue();

    record ClaimedTimer(IncidentId id, Instant due, long lease) {
    }

    /** What {@link #claimDueAndNext} took, and when the earliest timer then armed comes due. */
    record Claims(List<ClaimedTimer> claimed, Optional<Instant> nextDue) {
    }

    /**
     * {@link #claimDue} and then {@link #nextDue}, as one step where the timers are over a network
     * (one round trip): a replica that wakes for each due timer learns with its claim when to wake
     * next. This default is the two calls, which is what it means.
     */
    default Claims claimDueAndNext(Instant now, int limit) {
        List<ClaimedTimer> claimed = claimDue(now, limit);
        return new Claims(claimed, nextDue());
    }
}
