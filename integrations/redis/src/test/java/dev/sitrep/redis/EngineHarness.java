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
    public final MemorySink sink = new MemorySink(filed);

    public EngineHarness(RedisKeys keys, MutableClock clock, RecordingPlatform platform, EngineSettings settings) {
        this.clock = clock;
        this.platform = platform;
        var redis = TestRedis.connect();
        this.store = new RedisIncidentStore(redis, keys);
        this.timers = new RedisDueTimers(redis, keys, Duration.ofSeconds(30));
        this.once = new RedisIdempotencyKeys(redis, keys);
        Ports ports = new Ports(store, timers, once, List.of(platform),
                List.of(sink), clock, dev.sitrep.commands.port.EngineObserver.NONE);
        this.engine = new IncidentEngine(settings, ports);
        this.keeper = new RhythmKeeper(settings, ports, 50);
    }

    public static EngineHarness fresh() {
        return new EngineHarness(TestRedis.freshKeys(), new MutableClock(T0),
                new RecordingPlatform("console", Set.of("alice", "bob", "carol", "dave", "root")),
                new EngineSettings(java.util.Map.of(), 2, "inc", Set.of("root"), EngineSettings.DEFAULT_ROLES,
                        EngineSettings.DEFAULT_POSTMORTEM_DUE, false));
    }

    public void run(String who, ChannelRef where, String text) {
        engine.execute(new Invocation(where, new Member(who, who)), text);
    }

    public Incident incident(long number) {
        return store.find(new IncidentId(number)).orElseThrow();
    }

    public ChannelRef channelOf(long number) {
        return incident(number).channelOn("console").orElseThrow();
    }

    /** Keeps filed postmortems in memory; fails on demand, as a broken wiki would. */
    public static final class MemorySink implements dev.sitrep.commands.port.PostmortemSink {
        private final List<Postmortem> filed;
        public volatile boolean failing;

        MemorySink(List<Postmortem> filed) {
            this.filed = filed;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public dev.sitrep.commands.incident.FiledDocument file(Postmortem postmortem,
                                                              dev.sitrep.commands.incident.FiledDocument previous) {
            if (failing) {
                throw new IllegalStateException("memory is full");
            }
            filed.add(postmortem);
            return new dev.sitrep.commands.incident.FiledDocument("memory", postmortem.incident().id().label(),
                    "memory://" + postmortem.incident().id());
        }
    }
}
