package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.SetupProgress;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.testkit.IncidentStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's contract on a real Redis (each store on fresh keys, each client its own connection),
 * and what only the Redis store has: its key layout and the JSON older replicas wrote.
 */
class RedisIncidentStoreTest extends IncidentStoreContract {

    private final StringRedisTemplate redis = TestRedis.client(0);
    private final PortClients<IncidentStore> stores = new PortClients<>();

    @Override
    protected IncidentStore newStore() {
        return stores.fresh(RedisIncidentStore::new);
    }

    @Override
    protected IncidentStore anotherClientOf(IncidentStore store) {
        return stores.anotherClientOf(store);
    }

    @Override
    protected DueTimers timersOf(IncidentStore store) {
        return new RedisDueTimers(TestRedis.client(0), stores.keysOf(store), Duration.ofSeconds(30));
    }

    private RedisKeys keys() {
        return stores.keysOf(store);
    }

    /** One script: the key "done" for its keep, as RedisIdempotencyKeys reads it, and the effect out of the outbox. */
    @Test
    void completeEffectMarksTheKeyDoneAndTakesTheEffectOut() {
        Incident first = store.create(declared(store.nextId()));
        store.commit(dev.sitrep.commands.port.Change.of(first, first).effects(List.of(post("a1", "1")))).orElseThrow();
        RedisIdempotencyKeys idempotency = new RedisIdempotencyKeys(TestRedis.client(1), keys());

        assertThat(anotherClientOf(store).completeEffect(first.id(), "a1", Duration.ofDays(2))).isTrue();
        assertThat(idempotency.isDone("a1")).isTrue();
        assertThat(redis.getExpire(keys().idempotency("a1"), java.util.concurrent.TimeUnit.SECONDS))
                .isBetween(Duration.ofDays(2).minusMinutes(1).toSeconds(), Duration.ofDays(2).toSeconds());
        assertThat(store.pendingEffects(first.id())).isEmpty();
        assertThat(redis.opsForSet().isMember(keys().outboxIndex(), Long.toString(first.id().number()))).isFalse();
    }

    @Test
    void anIncidentIsAHashOfVersionAndJsonIndexedUnderThePrefix() {
        Incident incident = store.create(declared(store.nextId()).withChannel(CHANNEL));
        store.append(incident.id(), new TimelineEntry(T0, ALICE, TimelineEntry.Kind.NOTE, "n"));
        RedisKeys keys = keys();
        assertThat(redis.opsForHash().get(keys.incident(incident.id()), "version")).isEqualTo("1");
        assertThat(redis.opsForZSet().score(keys.openIncidents(), "1")).isEqualTo(1.0);
        assertThat(redis.opsForValue().get(keys.channel(CHANNEL))).isEqualTo("1");
        assertThat(redis.opsForList().size(keys.timeline(incident.id()))).isEqualTo(1);
        assertThat(redis.keys(keys.prefix() + "*")).containsExactlyInAnyOrder(keys.sequence(),
                keys.incident(incident.id()), keys.openIncidents(), keys.channel(CHANNEL), keys.timeline(incident.id()));
    }

    /**
     * Incidents written before setup progress was recorded (no "setup" in their JSON) still load: one
     * with a channel counts as set up, so running its start again never posts a second kick-off; one
     * without a channel has everything still to do.
     */
    @Test
    void incidentsStoredBeforeSetupProgressStillLoad() {
        Incident withChannel = declared(store.nextId()).withChannel(CHANNEL);
        Incident withoutChannel = declared(store.nextId());
        for (Incident incident : List.of(withChannel, withoutChannel)) {
            ObjectNode json = (ObjectNode) JsonMapper.builder().build().readTree(new JsonCodec().write(incident));
            assertThat(json.remove("setup")).as("the field old replicas did not write").isNotNull();
            redis.opsForHash().putAll(keys().incident(incident.id()), Map.of("version", "1", "json", json.toString()));
        }

        Incident old = store.find(withChannel.id()).orElseThrow();
        assertThat(old.setup().complete()).isTrue();
        assertThat(old.setupUnfinished("console")).isFalse();
        assertThat(old.channelOn("console")).contains(CHANNEL);
        Incident oldWithoutChannel = store.find(withoutChannel.id()).orElseThrow();
        assertThat(oldWithoutChannel.setup()).isEqualTo(SetupProgress.NONE);
        assertThat(oldWithoutChannel.setupUnfinished("console")).isTrue();
    }

    /** What a replica wrote before members carried their platform: members are bare {id, displayName}. */
    private static final String LEGACY_INCIDENT = """
            {"id":{"number":%d},"title":"Database down","severity":"SEV2","status":"IDENTIFIED",
             "roles":{"commander":{"id":"U0ALICE","displayName":"alice"},"comms":{"id":"U0BOB","displayName":"bob"}},
             "channels":{"slack":{"platform":"slack","id":"C0DB","name":"inc-1-db"}},
             "privateIncident":false,"declaredAt":"2026-11-23T10:00:00Z","acknowledgedAt":"2026-11-23T10:01:00Z",
             "mitigatedAt":null,"resolvedAt":null,"updateEvery":"PT30M","nextUpdateDue":"2026-11-23T10:31:00Z",
             "remindersSent":0,
             "updates":[{"at":"2026-11-23T10:01:00Z","author":{"id":"U0ALICE","displayName":"alice"},"confirmed":"c",
                         "suspected":null,"verifying":null,"actions":null,"risk":null,"impact":"EU","status":"IDENTIFIED",
                         "next":null}],
             "actionItems":[{"number":1,"text":"canary","owner":{"id":"U0BOB","displayName":"bob"},"due":"2026-12-01",
                             "done":false,"createdAt":"2026-11-23T10:02:00Z",
                             "createdBy":{"id":"U0ALICE","displayName":"alice"},"link":null}],
             "summary":null,"documents":{},"postmortemDone":false,"version":3}
            """;

    @Test
    void incidentsStoredBeforeMembersHadAPlatformReadAsMembersOfTheirChannelsPlatform() {
        IncidentId id = store.nextId();
        redis.opsForHash().putAll(keys().incident(id), Map.of("version", "3", "json",
                LEGACY_INCIDENT.formatted(id.number())));
        redis.opsForList().rightPushAll(keys().timeline(id),
                "{\"at\":\"2026-11-23T10:00:00Z\",\"actor\":{\"id\":\"U0ALICE\",\"displayName\":\"alice\"},"
                        + "\"kind\":\"DECLARED\",\"text\":\"Declared SEV2: Database down\"}",
                "{\"at\":\"2026-11-23T10:40:00Z\",\"actor\":{\"id\":\"sitrep\",\"displayName\":\"sitrep\"},"
                        + "\"kind\":\"REMINDER\",\"text\":\"Reminded\"}");

        Incident read = store.find(id).orElseThrow();
        Member alice = new Member("slack", "U0ALICE", "alice");
        Member bob = new Member("slack", "U0BOB", "bob");
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.commander()).contains(alice);
        assertThat(read.holderOf("comms")).contains(bob);
        assertThat(read.updates().get(0).author()).isEqualTo(alice);
        assertThat(read.actionItems().get(0).owner()).isEqualTo(bob);
        assertThat(read.actionItems().get(0).createdBy()).isEqualTo(alice);
        assertThat(read.holds(new Member("slack", "U0ALICE", "someone else"), Incident.COMMANDER)).isTrue();
        assertThat(store.timeline(id)).extracting(TimelineEntry::actor).containsExactly(alice, Member.SITREP);

        // The next write stores the platform, and the incident keeps working.
        Incident changed = store.replace(read, read.withRole("ops", bob)).orElseThrow();
        assertThat(redis.opsForHash().get(keys().incident(id), "json").toString()).contains("\"platform\":\"slack\",\"id\":\"U0ALICE\"");
        assertThat(store.find(id)).contains(changed);
    }

    @Test
    void aLegacyIncidentWithoutAChannelHasMembersOfNoPlatformThatMatchNoOne() {
        IncidentId id = store.nextId();
        redis.opsForHash().putAll(keys().incident(id), Map.of("version", "3", "json",
                LEGACY_INCIDENT.formatted(id.number()).replace("{\"slack\":{\"platform\":\"slack\",\"id\":\"C0DB\",\"name\":\"inc-1-db\"}}", "{}")));

        Incident read = store.find(id).orElseThrow();
        assertThat(read.commander()).contains(new Member(LegacyMembers.UNKNOWN_PLATFORM, "U0ALICE", "alice"));
        assertThat(read.holds(new Member("slack", "U0ALICE", "alice"), Incident.COMMANDER)).isFalse();
    }

    /**
     * {@code open()} is on every start and every "not an incident channel" answer: one command whatever
     * how many are open, answering as a {@code find} of each number in the open index would — closed
     * ones left out, oldest first, a legacy-shape incident upgraded, a number whose incident is gone
     * skipped.
     */
    @Test
    void openIsOneRoundTripAndAnswersAsFindingEachOpenNumberWould() {
        RedisKeys keys = keys();
        List<Incident> open = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ChannelRef channel = new ChannelRef("console", "inc-" + i, "inc-" + i);
            Incident incident = store.create(declared(store.nextId()).withChannel(channel));
            if (i % 5 == 0) {
                store.replace(incident, incident.resolved("done", T0.plusSeconds(60))).orElseThrow();
            } else {
                open.add(incident);
            }
        }
        IncidentId legacy = store.nextId();
        redis.opsForHash().putAll(keys.incident(legacy), Map.of("version", "3", "json",
                LEGACY_INCIDENT.formatted(legacy.number())));
        redis.opsForZSet().add(keys.openIncidents(), Long.toString(legacy.number()), legacy.number());
        open.add(store.find(legacy).orElseThrow());
        IncidentId gone = store.nextId();
        redis.opsForZSet().add(keys.openIncidents(), Long.toString(gone.number()), gone.number());

        SentCommands sent = new SentCommands();
        IncidentStore counted = new RedisIncidentStore(TestRedis.connect(sent), keys);
        // A server that never ran the script answers the first EVALSHA with NOSCRIPT, then gets the EVAL.
        counted.open();
        sent.clear();
        List<Incident> answer = counted.open();

        assertThat(sent.types()).as("commands sent for open() with %d open incidents", answer.size()).hasSize(1);
        assertThat(answer).hasSize(41).containsExactlyElementsOf(open);
        assertThat(answer).containsExactlyElementsOf(redis.opsForZSet().range(keys.openIncidents(), 0, -1).stream()
                .map(n -> store.find(new IncidentId(Long.parseLong(n)))).flatMap(java.util.Optional::stream)
                .filter(Incident::isOpen).toList());
        assertThat(answer.get(40).commander()).contains(new Member("slack", "U0ALICE", "alice"));
    }
}
