package dev.sitrep.testkit;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.engine.ReminderKeeper;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.service.Service;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine with a recording chat platform, two memory sinks and a hand-moved clock on one set of
 * ports: one "replica". In memory by default; the Redis tests hand it Redis ports.
 */
public final class EngineHarness {

    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    public static final ChannelRef GENERAL = new ChannelRef("console", "C-general", "general");
    /** How long a claimed timer stays leased, in memory and on Redis alike. */
    public static final Duration TIMER_LEASE = Duration.ofSeconds(30);

    /** The ports that hold state, and how to read one incident's timer (which no port method answers). */
    public record Backend(IncidentStore store, DueTimers timers, IdempotencyKeys once,
                          Function<IncidentId, @Nullable Instant> dueOf) {

        /** Fresh in-memory ports; idempotency holds run out on {@code clock}. */
        public static Backend inMemory(Clock clock) {
            InMemoryDueTimers timers = new InMemoryDueTimers(TIMER_LEASE);
            return new Backend(new InMemoryIncidentStore(timers), timers, new InMemoryIdempotencyKeys(clock),
                    timers::dueOf);
        }
    }

    public final MutableClock clock;
    public final RecordingPlatform platform;
    public final IncidentStore store;
    public final DueTimers timers;
    public final IdempotencyKeys once;
    public final IncidentEngine engine;
    public final ReminderKeeper keeper;
    /** The ports the engine and keeper share: for a test that builds its own keeper on them. */
    public final Ports ports;
    public final List<Postmortem> filed = new CopyOnWriteArrayList<>();
    public final MemorySink sink = new MemorySink("memory", false, filed);
    /** A tracker of action items, configured after the sink: filing must still reach it first. */
    public final List<Postmortem> tracked = new CopyOnWriteArrayList<>();
    public final MemorySink tracker = new MemorySink("tracker", true, tracked);
    /** The pager every replica of a test shares, as they share one PagerDuty. */
    public final RecordingPager pager;
    /**
     * The services every scenario can name: checkout (owned by carol, dave and the group payments-oncall)
     * pages at SEV2 and on escalation; search never pages by itself and is also announced in #search-status.
     */
    public static final List<Service> SERVICES = List.of(
            new Service("checkout", "Checkout", Map.of("console", new Service.Owners(List.of("carol", "dave"),
                    "payments-oncall")),
                    URI.create("https://runbooks.example/checkout"), List.of("Check the payment dashboards",
                    "Roll back the last deploy", "Tell support"), Severity.SEV2, null,
                    new Service.Paging("checkout", Severity.SEV2, true),
                    List.of(Service.LabelMatcher.parse("service=\"checkout\""))),
            new Service("search", "Search", Map.of(), null, List.of("Check the index"), Severity.SEV3, "#search-status",
                    new Service.Paging("search", null, false), List.of()));
    private final Function<IncidentId, @Nullable Instant> dueOf;

    public EngineHarness(Backend backend, MutableClock clock, RecordingPlatform platform, EngineSettings settings) {
        this(backend, clock, platform, settings, new RecordingPager());
    }

    public EngineHarness(Backend backend, MutableClock clock, RecordingPlatform platform, EngineSettings settings,
                         RecordingPager pager) {
        this.pager = pager;
        this.clock = clock;
        this.platform = platform;
        this.store = backend.store();
        this.timers = backend.timers();
        this.once = backend.once();
        this.dueOf = backend.dueOf();
        tracker.base = "https://tracker.example/";
        this.ports = new Ports(store, timers, once, List.of(platform), List.of(sink, tracker), clock,
                EngineObserver.NONE).withServices(ServiceCatalog.of(SERVICES), pager);
        this.engine = new IncidentEngine(settings, ports);
        this.keeper = new ReminderKeeper(settings, ports, 50);
    }

    /** A fresh in-memory replica with the scenarios' members and settings. */
    public static EngineHarness fresh() {
        return fresh(Backend::inMemory);
    }

    /** A fresh replica on the ports {@code backend} makes for the harness's clock. */
    public static EngineHarness fresh(Function<MutableClock, Backend> backend) {
        MutableClock clock = new MutableClock(T0);
        return new EngineHarness(backend.apply(clock), clock,
                new RecordingPlatform("console", Set.of("alice", "bob", "carol", "dave", "root")), settings());
    }

    /** The scenarios' settings: default cadences and roles, root is admin. */
    public static EngineSettings settings() {
        return new EngineSettings(Map.of(), 2, "inc", Set.of("console:root"), EngineSettings.DEFAULT_ROLES,
                EngineSettings.DEFAULT_UPDATE_ROLES, EngineSettings.DEFAULT_POSTMORTEM_DUE, false);
    }

    public void run(String who, ChannelRef where, String text) {
        engine.execute(new Invocation(where, new Member(where.platform(), who, who)), text);
    }

    public Incident incident(long number) {
        return store.find(new IncidentId(number)).orElseThrow();
    }

    public ChannelRef channelOf(long number) {
        return incident(number).channelOn("console").orElseThrow();
    }

    /** When the incident's timer is due (or its claim's lease runs out); null when none is armed. */
    public @Nullable Instant dueOf(IncidentId id) {
        return dueOf.apply(id);
    }
}
