package dev.sitrep.redis;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.engine.RhythmKeeper;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine on a real Redis with a recording chat platform and a hand-moved clock: one "replica". */
public final class EngineHarness {

    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    public static final ChannelRef GENERAL = new ChannelRef("console", "C-general", "general");

    public final MutableClock clock;
    public final RecordingPlatform platform;
    public final RedisIncidentStore store;
    public final RedisDueTimers timers;
    public final RedisIdempotencyKeys once;
    public final IncidentEngine engine;
    public final RhythmKeeper keeper;
    public final List<Postmortem> filed = new CopyOnWriteArrayList<>();
    public final MemorySink sink = new MemorySink("memory", false, filed);
    /** A tracker of action items, configured after the sink: filing must still reach it first. */
    public final List<Postmortem> tracked = new CopyOnWriteArrayList<>();
    public final MemorySink tracker = new MemorySink("tracker", true, tracked);

    {
        tracker.base = "https://tracker.example/";
    }

    public EngineHarness(RedisKeys keys, MutableClock clock, RecordingPlatform platform, EngineSettings settings) {
        this.clock = clock;
        this.platform = platform;
        var redis = TestRedis.connect();
        this.store = new RedisIncidentStore(redis, keys);
        this.timers = new RedisDueTimers(redis, keys, Duration.ofSeconds(30));
        this.once = new RedisIdempotencyKeys(redis, keys);
        Ports ports = new Ports(store, timers, once, List.of(platform),
                List.of(sink, tracker), clock, dev.sitrep.commands.port.EngineObserver.NONE);
        this.engine = new IncidentEngine(settings, ports);
        this.keeper = new RhythmKeeper(settings, ports, 50);
    }

    public static EngineHarness fresh() {
        return new EngineHarness(TestRedis.freshKeys(), new MutableClock(T0),
                new RecordingPlatform("console", Set.of("alice", "bob", "carol", "dave", "root")),
                new EngineSettings(java.util.Map.of(), 2, "inc", Set.of("console:root"), EngineSettings.DEFAULT_ROLES,
                        EngineSettings.DEFAULT_UPDATE_ROLES, EngineSettings.DEFAULT_POSTMORTEM_DUE, false));
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

    /**
     * Keeps filed postmortems in memory, and (when {@code tracksActionItems}) one entry per action
     * item as an issue tracker would, telling each to the engine as soon as it exists. Fails on
     * demand, as a broken wiki would, also half-way ({@code failBeforeItem}).
     */
    public static final class MemorySink implements dev.sitrep.commands.port.PostmortemSink {
        private final String name;
        private final boolean tracksActionItems;
        private final List<Postmortem> filed;
        /** Everything created, in order: "document", "item 1", …; a retry must never repeat one. */
        public final List<String> created = new CopyOnWriteArrayList<>();
        public final Set<Integer> closedThere = java.util.concurrent.ConcurrentHashMap.newKeySet();
        public volatile boolean failing;
        public volatile boolean failingToClose;
        public volatile int failBeforeItem = Integer.MAX_VALUE;
        public volatile String base = "https://memory.example/";

        MemorySink(String name, boolean tracksActionItems, List<Postmortem> filed) {
            this.name = name;
            this.tracksActionItems = tracksActionItems;
            this.filed = filed;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean filesActionItems() {
            return tracksActionItems;
        }

        @Override
        public dev.sitrep.commands.incident.FiledDocument file(Postmortem postmortem,
                dev.sitrep.commands.incident.FiledDocument previous, dev.sitrep.commands.port.FilingProgress progress) {
            if (failing) {
                throw new IllegalStateException("memory is full");
            }
            String id = postmortem.incident().id().label();
            var document = previous != null && previous.exists() ? previous
                    : new dev.sitrep.commands.incident.FiledDocument(name, id, base + id);
            if (previous == null || !previous.exists()) {
                created.add("document");
                progress.filed(document);
            }
            for (var item : postmortem.incident().actionItems()) {
                if (!tracksActionItems) {
                    break;
                }
                if (document.actionItems().containsKey(item.number())) {
                    if (closedThere.contains(item.number()) && !item.done()) {
                        progress.actionItemDone(item.number());
                    }
                    continue;
                }
                if (item.number() >= failBeforeItem) {
                    throw new IllegalStateException("tracker down before item " + item.number());
                }
                created.add("item " + item.number());
                document = document.withActionItem(item.number(), base + id + "/items/" + item.number());
                progress.filed(document);
            }
            filed.add(postmortem);
            return document;
        }

        @Override
        public void actionItemDone(dev.sitrep.commands.incident.FiledDocument document,
                                   dev.sitrep.commands.incident.ActionItem item) {
            if (failingToClose) {
                throw new IllegalStateException("tracker refused");
            }
            closedThere.add(item.number());
        }
    }
}
