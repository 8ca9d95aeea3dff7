package dev.sitrep.commands.engine;

import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.PostmortemSink;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** The adapters the engine runs against, gathered so that wiring code passes one thing. */
public record Ports(
        IncidentStore store,
        DueTimers timers,
        IdempotencyKeys idempotencyKeys,
        List<ChatPlatform> platforms,
        List<PostmortemSink> postmortems,
        Clock clock,
        EngineObserver observer) {

    public Ports {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
        postmortems = List.copyOf(postmortems);
        Objects.requireNonNull(clock, "clock");
        observer = observer == null ? EngineObserver.NONE : observer;
        platforms = List.copyOf(platforms);
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("at least one chat platform is needed");
        }
    }
}
