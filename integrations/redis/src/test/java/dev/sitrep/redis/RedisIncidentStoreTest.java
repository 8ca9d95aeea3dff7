package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.SetupProgress;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RedisIncidentStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member ALICE = new Member("console", "U1", "alice");
    private static final ChannelRef CHANNEL = new ChannelRef("console", "inc-1-db", "inc-1-db");

    private final RedisKeys keys = TestRedis.freshKeys();
    private final StringRedisTemplate redis = TestRedis.connect();
    private final RedisIncidentStore store = new RedisIncidentStore(redis, keys);

    @Test
    void idsAreSequentialPerWorkspace() {
        assertThat(store.nextId()).isEqualTo(new IncidentId(1));
        assertThat(store.nextId()).isEqualTo(new IncidentId(2));
        assertThat(new RedisIncidentStore(redis, TestRedis.freshKeys()).nextId()).isEqualTo(new IncidentId(1));
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
            redis.opsForHash().putAll(keys.incident(incident.id()), Map.of("version", "1", "json", json.toString()));
        }

        Incident old = store.find(withChannel.id()).orElseThrow();
        assertThat(old.setup().complete()).isTrue();
        assertThat(old.setupUnfinished("console")).isFalse();
        assertThat(old.channelOn("console")).contains(CHANNEL);
        Incident oldWithoutChannel = store.find(withoutChannel.id()).orElseThrow();
        assertThat(oldWithoutChannel.setup()).isEqualTo(SetupProgress.NONE);
        assertThat(oldWithoutChannel.setupUnfinished("console")).isTrue();
    }

    @Test
    void setupProgressSurvivesTheRoundTrip() {
        Incident incident = store.create(declared(store.nextId()).withChannel(CHANNEL));
        var progress = incident.setup().with(SetupProgress.Step.TOPIC).withKickoff("1234");
        Incident stored = store.replace(incident, incident.withSetup(progress)).orElseThrow();
        Incident read = store.find(incident.id()).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.setup().kickoff()).isEqualTo("1234");
        assertThat(read.setup().missing()).containsExactly(SetupProgress.Step.INVITE,
                SetupProgress.Step.COMMANDER_ROLE,
                SetupProgress.Step.PIN,
                SetupProgress.Step.ANNOUNCEMENT);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Incident incident = store.create(declared(store.nextId()).withChannel(CHANNEL));
        Incident full = incident.withRole("comms", new Member("console", "U2", "bob"))
                .withUpdate(new StatusUpdate(T0.plusSeconds(60), ALICE, "c", "s", "v", "a", "r", "i", Status.IDENTIFIED,
                        Duration.ofMinutes(20)), Duration.ofMinutes(15))
                .movedTo(Status.IDENTIFIED, Duration.ofMinutes(15), T0.plusSeconds(60), true)
                .withActionItem(new ActionItem(1, "canary", ALICE, LocalDate.parse("2026-12-01"), false, T0, ALICE))
                .reminded(2);
        Incident stored = store.replace(incident, full).orElseThrow();

        Incident read = store.find(incident.id()).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.updates().get(0).next()).isEqualTo(Duration.ofMinutes(20));
        assertThat(redis.keys(keys.prefix() + "*")).allMatch(k -> k.startsWith(keys.prefix()));
    }

    @Test
    void channelLookupAndOpenIndexFollowWrites() {
        Incident incident = store.create(declared(store.nextId()));
        assertThat(store.findByChannel(CHANNEL)).isEmpty();
        Incident withChannel = store.replace(incident, incident.withChannel(CHANNEL)).orElseThrow();
        assertThat(store.findByChannel(CHANNEL)).contains(withChannel);
        assertThat(store.open()).containsExactly(withChannel);

        Incident resolved = store.replace(withChannel, withChannel.resolved("done", T0.plusSeconds(600))).orElseThrow();
        assertThat(store.open()).isEmpty();
        // A resolved incident's channel still leads to it: notes and the postmortem work there.
        assertThat(store.findByChannel(CHANNEL)).contains(resolved);
    }

    @Test
    void aStaleWriteIsRefusedAndChangesNothing() {
        Incident v1 = store.create(declared(store.nextId()));
        Incident v2 = store.replace(v1, v1.withSeverity(Severity.SEV1, Duration.ofMinutes(15), T0)).orElseThrow();
        Optional<Incident> stale = store.replace(v1, v1.withRole("ops", ALICE));
        assertThat(stale).isEmpty();
        assertThat(store.find(v1.id())).contains(v2);
    }

    @Test
    void creatingAnExistingIdFails() {
        Incident incident = store.create(declared(store.nextId()));
        assertThatThrownBy(() -> store.create(incident)).hasMessageContaining("already exists");
    }

    @Test
    void twoWritersOnOneIncidentLoseNoUpdate() throws Exception {
        IncidentId id = store.create(declared(store.nextId())).id();
        int perWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> writers = new ArrayList<>();
        for (String writer : List.of("A", "B")) {
            // Each writer has its own connection, as two replicas would.
            RedisIncidentStore own = new RedisIncidentStore(TestRedis.connect(), keys);
            writers.add(() -> {
                int conflicts = 0;
                for (int i = 0; i < perWriter; i++) {
                    while (true) {
                        Incident current = own.find(id).orElseThrow();
                        Incident changed = current.withActionItem(new ActionItem(current.nextActionNumber(),
                                writer + i, null, null, false, T0, ALICE));
                        if (own.replace(current, changed).isPresent()) {
                            break;
                        }
                        conflicts++;
                    }
                }
                return conflicts;
            });
        }
        int conflicts = 0;
        for (Future<Integer> f : pool.invokeAll(writers)) {
            conflicts += f.get();
        }
        pool.shutdown();

        Incident result = store.find(id).orElseThrow();
        assertThat(result.actionItems()).hasSize(2 * perWriter);
        assertThat(result.actionItems().stream().map(ActionItem::text)).doesNotHaveDuplicates()
                .contains("A0", "A99", "B0", "B99");
        assertThat(result.actionItems().stream().map(ActionItem::number)).doesNotHaveDuplicates();
        assertThat(result.version()).isEqualTo(1 + 2 * perWriter);
        System.out.println("two writers: " + conflicts + " compare-and-set conflicts retried, none lost");
    }

    @Test
    void timelineIsAppendOnlyAndOrdered() {
        IncidentId id = store.create(declared(store.nextId())).id();
        for (int i = 0; i < 5; i++) {
            store.append(id, new TimelineEntry(T0.plusSeconds(i), ALICE, TimelineEntry.Kind.NOTE, "note " + i));
        }
        assertThat(store.timeline(id)).extracting(TimelineEntry::text)
                .containsExactly("note 0", "note 1", "note 2", "note 3", "note 4");
        assertThat(store.timeline(id).get(0).actor()).isEqualTo(ALICE);
    }

    private static Incident declared(IncidentId id) {
        return Incident.declare(id, "Database down", Severity.SEV2, false, ALICE, T0, Duration.ofMinutes(30));
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
        redis.opsForHash().putAll(keys.incident(id), java.util.Map.of("version", "3", "json",
                LEGACY_INCIDENT.formatted(id.number())));
        redis.opsForList().rightPushAll(keys.timeline(id),
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
        assertThat(redis.opsForHash().get(keys.incident(id), "json").toString()).contains("\"platform\":\"slack\",\"id\":\"U0ALICE\"");
        assertThat(store.find(id)).contains(changed);
    }

    @Test
    void aLegacyIncidentWithoutAChannelHasMembersOfNoPlatformThatMatchNoOne() {
        IncidentId id = store.nextId();
        redis.opsForHash().putAll(keys.incident(id), java.util.Map.of("version", "3", "json",
                LEGACY_INCIDENT.formatted(id.number()).replace("{\"slack\":{\"platform\":\"slack\",\"id\":\"C0DB\",\"name\":\"inc-1-db\"}}", "{}")));

        Incident read = store.find(id).orElseThrow();
        assertThat(read.commander()).contains(new Member(LegacyMembers.UNKNOWN_PLATFORM, "U0ALICE", "alice"));
        assertThat(read.holds(new Member("slack", "U0ALICE", "alice"), Incident.COMMANDER)).isFalse();
    }
}
