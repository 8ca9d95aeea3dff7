package dev.sitrep.commands.engine;

import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.commands.port.ServiceCatalog;
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
        EngineObserver observer,
        ServiceCatalog services,
        Pager pager) {

    /** Without services configured, nothing is paged: a pager asked anyway fails by name. */
    public static final Pager NO_PAGER = new Pager() {
        @Override
        public PageResult trigger(PageRequest page) {
            throw new PagingFailure(page.key().service(), "no pager is configured for " + page.key().service()
                    + " (set sitrep.paging.pagerduty.routing-keys." + page.key().service() + " or sitrep.paging.webhook.url)",
                    null);
        }

        @Override
        public void acknowledge(PageKey key) {
        }

        @Override
        public void resolve(PageKey key) {
        }
    };

    public Ports(IncidentStore store, DueTimers timers, IdempotencyKeys idempotencyKeys, List<ChatPlatform> platforms,
                 List<PostmortemSink> postmortems, Clock clock, EngineObserver observer) {
        this(store, timers, idempotencyKeys, platforms, postmortems, clock, observer, ServiceCatalog.NONE, NO_PAGER);
    }

    /** The same ports with these services and this pager. */
    public Ports withServices(ServiceCatalog catalog, Pager newPager) {
        return new Ports(store, timers, idempotencyKeys, platforms, postmortems, clock, observer, catalog, newPager);
    }

    public Ports {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
        postmortems = List.copyOf(postmortems);
        Objects.requireNonNull(clock, "clock");
        observer = observer == null ? EngineObserver.NONE : observer;
        platforms = List.copyOf(platforms);
        services = services == null ? ServiceCatalog.NONE : services;
        pager = pager == null ? NO_PAGER : pager;
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("at least one chat platform is needed");
        }
    }
}
