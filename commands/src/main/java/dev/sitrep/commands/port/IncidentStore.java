package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where incidents, their timelines, their timers and their outboxes live. Every change to an
 * incident is one {@link #commit}: state, timeline entries, timer and effects together, or nothing.
 */
public interface IncidentStore {

    /** The next id of the workspace's sequence: INC-1, INC-2, … never reused. */
    IncidentId nextId();

    /**
     * Writes the whole change atomically if the incident is still at {@code before}'s version (or,
     * for a change with no {@code before}, does not exist yet): the incident at version + 1, its
     * timeline entries, its timer change, and its effects into the incident's outbox (each effect
     * must carry its key). Returns the stored incident; empty when another writer got in first,
     * and then nothing was written.
     */
    Optional<Incident> commit(Change change);

    /** What {@link #commitAndPending} stored, and the effects its outbox held right after, in commit order. */
    record Committed(Incident incident, List<Effect> pending) {
    }

    /**
     * {@link #commit}, answering with the stored incident the effects then pending in its outbox
     * ({@link #pendingEffects}): what the committer carries out next, read in the same step where the
     * store is over a network (one round trip). This default is the two calls, which is what it means.
     */
    default Optional<Committed> commitAndPending(Change change) {
        return commit(change).map(stored -> new Committed(stored, pendingEffects(stored.id())));
    }

    /** Stores a new incident at version 1; fails if the id is taken. */
    default Incident create(Incident incident) {
        return commit(Change.of(null, incident))
                .orElseThrow(() -> new IllegalStateException(incident.id() + " already exists"));
    }

    /** {@link #commit} of a change of the incident alone (no entries, timer or effects). */
    default Optional<Incident> replace(Incident expected, Incident updated) {
        return commit(Change.of(expected, updated));
    }

    Optional<Incident> find(IncidentId id);

    Optional<Incident> findByChannel(ChannelRef channel);

    /** Open incidents, oldest first. */
    List<Incident> open();

    /** Adds an entry that changes nothing else (what a platform event says: a pin, someone joining). */
    void append(IncidentId id, TimelineEntry entry);

    List<TimelineEntry> timeline(IncidentId id);

    /** The committed effects of an incident not yet marked done, in the order they were committed. */
    List<Effect> pendingEffects(IncidentId id);

    /** The incidents whose outbox holds effects not yet done. */
    List<IncidentId> withPendingEffects();

    /** Takes a carried-out effect out of the incident's outbox. */
    void effectDone(IncidentId id, String key);

    /**
     * Marks a carried-out effect's idempotency key done for {@code keep} (what {@link
     * IdempotencyKeys#complete} records) and takes the effect out of the outbox ({@link
     * #effectDone}), in one step: one write where there were two. Only a store that keeps the
     * idempotency keys too can (Redis: the same server and key prefix); this default writes nothing
     * and answers false, and the caller then does the two itself, in that order.
     */
    default boolean completeEffect(IncidentId id, String key, Duration keep) {
        return false;
    }
}
