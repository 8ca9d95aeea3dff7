package dev.sitrep.testkit;

import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.alert.TriagedGroup;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.AlertGroups;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link AlertGroups} in memory, with Redis' semantics: one atomic claim or decision, a window on the given clock. */
public final class InMemoryAlertGroups implements AlertGroups {

    private record Tie(IncidentId incident, Instant until) {
    }

    private final IncidentStore store;
    private final Clock clock;
    private final Map<String, Tie> ties = new HashMap<>();
    private final Map<IncidentId, Held> held = new HashMap<>();
    private final Map<IncidentId, Instant> heldUntil = new HashMap<>();

    /** New numbers come from {@code store}'s sequence, as Redis' claim takes them from the same INCR. */
    public InMemoryAlertGroups(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public synchronized Claim claim(String group, Duration window, @Nullable IncidentId proposed) {
        Optional<IncidentId> tied = find(group, window);
        if (tied.isPresent()) {
            return new Claim(tied.get(), false);
        }
        IncidentId id = proposed != null ? proposed : store.nextId();
        ties.put(group, new Tie(id, clock.instant().plus(window)));
        return new Claim(id, true);
    }

    @Override
    public synchronized Optional<IncidentId> find(String group, Duration window) {
        Instant now = clock.instant();
        Tie tie = ties.get(group);
        if (tie == null || !tie.until().isAfter(now)) {
            ties.remove(group);
            return Optional.empty();
        }
        ties.put(group, new Tie(tie.incident(), now.plus(window)));
        return Optional.of(tie.incident());
    }

    @Override
    public synchronized void hold(IncidentId reserved, TriagedGroup triage, Duration window) {
        TriageDecision decision = held(reserved).map(Held::decision).orElse(null);
        held.put(reserved, new Held(triage, decision));
        heldUntil.put(reserved, clock.instant().plus(window));
    }

    @Override
    public synchronized Optional<Held> held(IncidentId reserved) {
        Instant until = heldUntil.get(reserved);
        if (until == null || !until.isAfter(clock.instant())) {
            held.remove(reserved);
            heldUntil.remove(reserved);
            return Optional.empty();
        }
        return Optional.of(held.get(reserved));
    }

    @Override
    public synchronized Optional<TriageDecision> decide(IncidentId reserved, TriageDecision decision) {
        return held(reserved).map(h -> {
            if (h.decision() != null) {
                return h.decision();
            }
            held.put(reserved, new Held(h.triage(), decision));
            return decision;
        });
    }
}
