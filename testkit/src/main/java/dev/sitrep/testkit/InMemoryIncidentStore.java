package dev.sitrep.testkit;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IncidentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Incidents in memory with the Redis store's semantics: a commit checks the version and writes the
 * incident, its indexes, its timeline entries, its timer (in the {@link InMemoryDueTimers} it was
 * given, as the Redis store writes the timers' sorted set) and its outbox, all under one lock, as
 * the Redis store's Lua script does; a channel keeps leading to its incident after it is resolved;
 * open incidents come oldest first.
 */
public final class InMemoryIncidentStore implements IncidentStore {

    private final TreeMap<Long, Incident> incidents = new TreeMap<>();
    private final Map<String, Long> channels = new HashMap<>();
    private final Map<Long, List<TimelineEntry>> timelines = new HashMap<>();
    /** Incident number → its outbox in commit order (key → effect); absent once empty. */
    private final TreeMap<Long, LinkedHashMap<String, Effect>> outboxes = new TreeMap<>();
    private final InMemoryDueTimers timers;
    private long sequence;

    public InMemoryIncidentStore(InMemoryDueTimers timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    @Override
    public synchronized IncidentId nextId() {
        return new IncidentId(++sequence);
    }

    @Override
    public synchronized Optional<Incident> commit(Change change) {
        Incident stored = change.after().withVersion(change.nextVersion());
        long number = stored.id().number();
        Incident current = incidents.get(number);
        boolean stillAsDecided = change.before() == null ? current == null
                : current != null && current.version() == change.before().version();
        if (!stillAsDecided) {
            return Optional.empty();
        }
        change.effects().forEach(e -> Objects.requireNonNull(e.key(), "an effect is committed under its key"));
        incidents.put(number, stored);
        stored.channels().values().forEach(c -> channels.put(channelKey(c), number));
        change.entries().forEach(e -> append(stored.id(), e));
        switch (change.timer().kind()) {
            case ARM -> timers.arm(stored.id(), change.timer().at());
            case CANCEL -> timers.cancel(stored.id());
            case LEAVE -> { }
        }
        change.effects().forEach(e -> outboxes.computeIfAbsent(number, n -> new LinkedHashMap<>()).put(e.key(), e));
        return Optional.of(stored);
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

    @Override
    public synchronized List<Effect> pendingEffects(IncidentId id) {
        return List.copyOf(outboxes.getOrDefault(id.number(), new LinkedHashMap<>()).values());
    }

    @Override
    public synchronized List<IncidentId> withPendingEffects() {
        return outboxes.keySet().stream().map(IncidentId::new).toList();
    }

    @Override
    public synchronized void effectDone(IncidentId id, String key) {
        LinkedHashMap<String, Effect> outbox = outboxes.get(id.number());
        if (outbox != null && outbox.remove(key) != null && outbox.isEmpty()) {
            outboxes.remove(id.number());
        }
    }

    /** A channel is found by its platform and id; its name may change. */
    private static String channelKey(ChannelRef channel) {
        return channel.platform() + ":" + channel.id();
    }
}
