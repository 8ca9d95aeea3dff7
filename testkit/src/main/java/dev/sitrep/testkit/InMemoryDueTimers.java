package dev.sitrep.testkit;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.DueTimers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Due timers in memory with the Redis timers' semantics: a claim re-scores the timer to
 * {@code now + lease}, so it is handed out once and comes due again if never released; a release
 * moves only a timer whose score is still that lease, so a re-arm or cancel meanwhile wins.
 * Timers due at the same moment are claimed in the order of a Redis sorted set (by member text).
 */
public final class InMemoryDueTimers implements DueTimers {

    private static final Comparator<Map.Entry<Long, Long>> REDIS_ORDER = Comparator
            .<Map.Entry<Long, Long>>comparingLong(Map.Entry::getValue)
            .thenComparing(e -> Long.toString(e.getKey()));

    /** Incident number → due time (or lease expiry) in epoch millis, as the Redis zset scores it. */
    private final Map<Long, Long> scores = new HashMap<>();
    private final Duration lease;

    public InMemoryDueTimers(Duration lease) {
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public synchronized void arm(IncidentId id, Instant due) {
        scores.put(id.number(), due.toEpochMilli());
    }

    @Override
    public synchronized void cancel(IncidentId id) {
        scores.remove(id.number());
    }

    @Override
    public synchronized List<ClaimedTimer> claimDue(Instant now, int limit) {
        long leaseScore = now.plus(lease).toEpochMilli();
        List<Map.Entry<Long, Long>> due = scores.entrySet().stream()
                .filter(e -> e.getValue() <= now.toEpochMilli())
                .sorted(REDIS_ORDER)
                .limit(limit)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
        List<ClaimedTimer> claims = new ArrayList<>();
        for (Map.Entry<Long, Long> entry : due) {
            scores.put(entry.getKey(), leaseScore);
            claims.add(new ClaimedTimer(new IncidentId(entry.getKey()), Instant.ofEpochMilli(entry.getValue()), leaseScore));
        }
        return claims;
    }

    @Override
    public synchronized void release(ClaimedTimer claim, @Nullable Instant next) {
        Long score = scores.get(claim.id().number());
        if (score == null || score != claim.lease()) {
            return;
        }
        if (next == null) {
            scores.remove(claim.id().number());
        } else {
            scores.put(claim.id().number(), next.toEpochMilli());
        }
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return scores.values().stream().min(Long::compare).map(Instant::ofEpochMilli);
    }

    /** When the timer of an incident is due (or its claim's lease runs out), if armed. */
    public synchronized @Nullable Instant dueOf(IncidentId id) {
        Long score = scores.get(id.number());
        return score == null ? null : Instant.ofEpochMilli(score);
    }
}
