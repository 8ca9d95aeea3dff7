package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import java.util.List;
import java.util.Optional;

/** Where incidents and their timelines live. Writes are compare-and-set on the incident's version. */
public interface IncidentStore {

    /** The next id of the workspace's sequence: INC-1, INC-2, … never reused. */
    IncidentId nextId();

    /** Stores a new incident at version 1; fails if the id is taken. */
    Incident create(Incident incident);

    Optional<Incident> find(IncidentId id);

    Optional<Incident> findByChannel(ChannelRef channel);

    /**
     * Replaces {@code expected} by {@code updated} if nobody wrote in between (same version), and
     * returns the stored incident (version + 1); empty when someone else won the race.
     */
    Optional<Incident> replace(Incident expected, Incident updated);

    /** Open incidents, oldest first. */
    List<Incident> open();

    void append(IncidentId id, TimelineEntry entry);

    List<TimelineEntry> timeline(IncidentId id);
}
