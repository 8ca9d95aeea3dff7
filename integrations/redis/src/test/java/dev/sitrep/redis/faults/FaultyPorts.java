package dev.sitrep.redis.faults;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IdempotencyKeys.Attempt;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.StoreUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The Redis adapters with a step boundary around every write; reads pass straight through. */
final class FaultyPorts {

    private FaultyPorts() {
    }

    static IncidentStore store(IncidentStore redis, CrashPoints crash) {
        return store(redis, crash, change -> false);
    }

    /** Also fails each commit {@code unavailable} matches, as a Redis that stopped answering would. */
    static IncidentStore store(IncidentStore redis, CrashPoints crash, Predicate<Change> unavailable) {
        return new IncidentStore() {
            @Override
            public IncidentId nextId() {
                return crash.around("INCR incident:seq", redis::nextId);
            }

            @Override
            public Optional<Incident> commit(Change change) {
                if (unavailable.test(change)) {
                    throw new StoreUnavailable("Redis is not answering (test)", null);
                }
                return crash.around("commit " + change.after().id() + " v" + change.nextVersion(),
                        () -> redis.commit(change));
            }

            @Override
            public Optional<Committed> commitAndPending(Change change) {
                if (unavailable.test(change)) {
                    throw new StoreUnavailable("Redis is not answering (test)", null);
                }
                return crash.around("commit " + change.after().id() + " v" + change.nextVersion(),
                        () -> redis.commitAndPending(change));
            }

            @Override
            public Optional<Incident> find(IncidentId id) {
                return redis.find(id);
            }

            @Override
            public Optional<Incident> findByChannel(ChannelRef channel) {
                return redis.findByChannel(channel);
            }

            @Override
            public List<Incident> open() {
                return redis.open();
            }

            @Override
            public void append(IncidentId id, TimelineEntry entry) {
                crash.around("append to the timeline", () -> redis.append(id, entry));
            }

            @Override
            public List<TimelineEntry> timeline(IncidentId id) {
                return redis.timeline(id);
            }

            @Override
            public List<Effect> pendingEffects(IncidentId id) {
                return redis.pendingEffects(id);
            }

            @Override
            public List<IncidentId> withPendingEffects() {
                return redis.withPendingEffects();
            }

            @Override
            public void effectDone(IncidentId id, String key) {
                crash.around("mark effect " + key + " done", () -> redis.effectDone(id, key));
            }

            /** One script: killed before it (key still pending, effect still there) or after it (both done). */
            @Override
            public boolean completeEffect(IncidentId id, String key, Duration keep) {
                return crash.around("complete " + key + " and mark the effect done", () -> redis.completeEffect(id, key, keep));
            }
        };
    }

    static DueTimers timers(DueTimers redis, CrashPoints crash) {
        return new DueTimers() {
            @Override
            public void arm(IncidentId id, Instant due) {
                crash.around("arm timer", () -> redis.arm(id, due));
            }

            @Override
            public void cancel(IncidentId id) {
                crash.around("cancel timer", () -> redis.cancel(id));
            }

            @Override
            public List<ClaimedTimer> claimDue(Instant now, int limit) {
                return crash.around("claim timers", () -> redis.claimDue(now, limit));
            }

            @Override
            public Claims claimDueAndNext(Instant now, int limit) {
                return crash.around("claim timers", () -> redis.claimDueAndNext(now, limit));
            }

            @Override
            public void release(ClaimedTimer claim, @Nullable Instant next) {
                crash.around("release timer", () -> redis.release(claim, next));
            }

            @Override
            public Optional<Instant> nextDue() {
                return redis.nextDue();
            }
        };
    }

    static IdempotencyKeys keys(IdempotencyKeys redis, CrashPoints crash) {
        return new IdempotencyKeys() {
            @Override
            public boolean begin(String key, Duration hold) {
                return crash.around("begin " + key, () -> redis.begin(key, hold));
            }

            @Override
            public boolean isDone(String key) {
                return redis.isDone(key);
            }

            @Override
            public void complete(String key, Duration keep) {
                crash.around("complete " + key, () -> redis.complete(key, keep));
            }

            /** One script: killed before it (nothing taken) or after it (taken and marked, never acted on). */
            @Override
            public Attempt beginAttempt(String key, Duration hold, String attemptKey, Duration keep) {
                return crash.around("begin " + key + " and mark the attempt", () -> redis.beginAttempt(key, hold, attemptKey, keep));
            }

            @Override
            public void abandon(String key) {
                crash.around("abandon " + key, () -> redis.abandon(key));
            }

            /** One script: killed before it (the failed try's hold runs on) or after it (held for the wait). */
            @Override
            public void holdAfterFailure(String key, Duration wait) {
                crash.around("hold " + key + " after a failure", () -> redis.holdAfterFailure(key, wait));
            }

            @Override
            public int failed(String key, Duration keep) {
                return crash.around("failed " + key, () -> redis.failed(key, keep));
            }
        };
    }
}
