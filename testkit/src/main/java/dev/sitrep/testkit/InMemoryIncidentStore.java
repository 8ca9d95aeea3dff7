package dev.sitrep.testkit;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Incidents in memory with the Redis store's semantics: writes compare-and-set on the version, a
 * channel keeps leading to its incident after it is resolved, open incidents come oldest first. One
 * lock makes each write atomic with its indexes, as the Redis store's Lua scripts do.
 */
public final class InMemoryIncidentStore implements IncidentStore {

    private final TreeMap<Long, Incident> incidents = new TreeMap<>();
    private final Map<String, Long> channels = new HashMap<>();
    private final Map<Long, List<TimelineEntry>> timelines = new HashMap<>();
    private long sequence;

    @Override
    public synchronized IncidentId nextId() {
        return new IncidentId(++sequence);
    }

    @Override
    public synchronized Incident create(Incident incident) {
        if (incidents.containsKey(incident.id().number())) {
            throw new IllegalStateException(incident.id() + " already exists");
        }
        return write(incident.withVersion(1));
    }

    @Override
    public synchronized Optional<Incident> find(IncidentId id) {
        return Optional.ofNullable(incidents.get(id.number()));
    }

    @Override
    public synchronized Optional<Incident> findByChannel(ChannelRef channel) {
        return Optional.ofNullable(channels.get(channelKey(channel))).map(incidents::get);
    }

    @Override
    public synchronized Optional<Incident> replace(Incident expected, Incident updated) {
        if (!expected.id().equals(updated.id())) {
            throw new IllegalArgumentException("cannot replace " + expected.id() + " by " + updated.id());
        }
        Incident current = incidents.get(expected.id().number());
        if (current == null || current.version() != expected.version()) {
            return Optional.empty();
        }
        return Optional.of(write(updated.withVersion(expected.version() + 1)));
    }

    @Override
    public synchronized List<Incident> open() {
        return incidents.values().stream().filter(Incident::isOpen).toList();
    }

    @Override
    public synchronized void append(IncidentId id, TimelineEntry entry) {
        timelines.computeIfAbsent(id.number(), n -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized List<TimelineEntry> timeline(IncidentId id) {
        return List.copyOf(timelines.getOrDefault(id.number(), List.of()));
    }

    private Incident write(Incident stored) {
        incidents.put(stored.id().number(), stored);
        stored.channels().values().forEach(c -> channels.put(channelKey(c), stored.id().number()));
        return stored;
    }

    /** A channel is found by its platform and id; its name may change. */
    private static String channelKey(ChannelRef channel) {
        return channel.platform() + ":" + channel.id();
    }
}
