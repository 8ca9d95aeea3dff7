package dev.sitrep.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.redis.RedisDueTimers;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.redis.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * Three real bot processes ({@code java -jar bot/target/sitrep.jar}) on one real Redis, with
 * WireMock as Slack: requests and retries spread over replicas make one incident, and hundreds of
 * reminders fire once each even when a replica is killed mid-run. The replicas hold a post for
 * {@link #EFFECT_HOLD} instead of the default 20 s, so what a killed replica held is settled sooner;
 * a post to WireMock on loopback takes milliseconds, far inside it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeReplicasIT {

    private static final String SECRET = "replicas-secret";
    private static final int INCIDENTS = 300;
    private static final Duration EFFECT_HOLD = Duration.ofSeconds(5);

    private static FakeSlackApi slack;
    private static Replicas replicas;
    private static final List<Integer> ports = new ArrayList<>();
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlackApi();
        home = Files.createTempDirectory("sitrep-replicas");
        int redisPort = TestRedis.server().port();
        replicas = Replicas.start(3, home, List.of("--spring.data.redis.url=redis://127.0.0.1:" + redisPort,
                "--sitrep.slack.bot-token=xoxb-test", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.reminders.poll-interval=200ms", "--sitrep.reminders.lease=5s",
                "--sitrep.effect-hold=" + EFFECT_HOLD.toSeconds() + "s",
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--sitrep.postmortem.in-channel=false"));
        for (int i = 0; i < replicas.size(); i++) {
            ports.add(replicas.port(i));
        }
    }

    @AfterAll
    static void stop() {
        replicas.close();
        slack.close();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Replicas.await(what, timeout, condition);
    }

    @Test
    @Order(1)
    void requestsAndRetriesSpreadOverReplicasMakeOneIncident() throws Exception {
        slack.channelCreated("CSPREAD", "inc-spread");
        String start = SignedSlackRequests.slashCommand("U1", "alice", "CGENERAL", "start Spread over replicas sev2", "T-spread");
        // The first delivery to replica 1, Slack's retries to replicas 2 and 3.
        for (int i = 0; i < 3; i++) {
            var ack = new SignedSlackRequests(ports.get(i), SECRET).send(start, "application/x-www-form-urlencoded",
                    Instant.now().getEpochSecond(), null, i == 0 ? null : i);
            assertThat(ack.statusCode()).isEqualTo(200);
        }
        await("announced", Duration.ofSeconds(20), () -> slack.messagesTo("CBROADCAST").stream()
                .anyMatch(t -> t.contains("Spread over replicas")));
        new SignedSlackRequests(ports.get(1), SECRET).command("U1", "alice", "CSPREAD", "commander <@U2|bob>", "T-spread-2");
        await("handover", Duration.ofSeconds(20), () -> slack.messagesTo("CSPREAD").stream().anyMatch(t -> t.contains("is now commander")));
        new SignedSlackRequests(ports.get(2), SECRET).command("U2", "bob", "CSPREAD", "resolve Done", "T-spread-3");
        await("resolved", Duration.ofSeconds(20), () -> slack.messagesTo("CSPREAD").stream().anyMatch(t -> t.contains("resolved by")));
        Thread.sleep(1000);
        assertThat(slack.calls("conversations.create")).filteredOn(f -> f.get("name").contains("spread-over-replicas")).hasSize(1);
        assertThat(slack.messagesTo("CBROADCAST")).filteredOn(t -> t.contains("declared: Spread over replicas")).hasSize(1);
        assertThat(slack.messagesTo("CSPREAD")).filteredOn(t -> t.contains("is now commander")).hasSize(1);
        assertThat(slack.messagesTo("CSPREAD")).filteredOn(t -> t.contains("resolved by")).hasSize(1);
    }

    @Test
    @Order(2)
    void hundredsOfRemindersFireOnceEachWhenAReplicaIsStoppedMidRun() throws Exception {
        Map<IncidentId, String> incidents = incidentsDueTogether("CS", INCIDENTS);
        List<String> channels = List.copyOf(incidents.values());
        // SIGTERM as Kubernetes sends it: the replica finishes what it claimed, the others take the rest.
        replicas.process(0).destroy();
        await("every reminder posted", Duration.ofSeconds(90), () -> reminders(channels).size() == INCIDENTS);
        // Until nothing more can be posted: a second post of any reminder would have been made by then.
        await("every reminder settled", Duration.ofSeconds(60), () -> Replicas.settled(incidents.keySet(), due));
        Map<String, Long> perChannel = reminders(channels);
        assertThat(perChannel).hasSize(INCIDENTS).allSatisfy((channel, count) -> assertThat(count).as(channel).isEqualTo(1L));
        System.out.printf("stopped replica: %d reminders, each posted exactly once%n", perChannel.size());
    }

    /**
     * SIGKILL mid-run: nothing is lost, and a post the dead replica sent but never marked done is
     * found in the channel's history (Slack message metadata carries the key) instead of sent again.
     */
    @Test
    @Order(3)
    void remindersFireOnceEachEvenWhenAReplicaIsKilledMidRun() throws Exception {
        Map<IncidentId, String> incidents = incidentsDueTogether("CK", INCIDENTS);
        List<String> channels = List.copyOf(incidents.values());
        replicas.process(1).destroyForcibly();
        await("every reminder posted", Duration.ofSeconds(120), () -> reminders(channels).size() == INCIDENTS);
        // Reminders the dead replica held wait out its post hold (EFFECT_HOLD) before the others check
        // the channel's history and settle them; a claim it held, the reminders' lease. Until then a
        // second post could still come: wait until none can.
        await("every reminder settled", Duration.ofSeconds(120), () -> Replicas.settled(incidents.keySet(), due));
        Map<String, Long> perChannel = reminders(channels);
        long checked = slack.calls("conversations.history").size();
        assertThat(perChannel).hasSize(INCIDENTS).allSatisfy((channel, count) -> assertThat(count).as(channel).isEqualTo(1L));
        System.out.printf("killed replica: %d reminders, each posted exactly once; %d uncertain posts checked in the "
                + "channel history%n", perChannel.size(), checked);
    }

    /** When the last {@link #incidentsDueTogether} are due. */
    private static Instant due;

    /** Incidents written straight into the bots' Redis, all due in the same second a few seconds from now. */
    private static Map<IncidentId, String> incidentsDueTogether(String prefix, int count) throws InterruptedException {
        due = Instant.now().plusSeconds(4);
        Map<IncidentId, String> channels = Replicas.incidentsDueAtById(due, count, "slack", n -> prefix + n, "U1");
        // Stop or kill as the reminders come due and are being posted.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()) + 300);
        return channels;
    }

    private static Map<String, Long> reminders(List<String> channels) {
        var wanted = new java.util.HashSet<>(channels);
        return slack.calls("chat.postMessage").stream()
                .filter(f -> wanted.contains(f.get("channel")) && f.get("text").contains("update was due"))
                .collect(Collectors.groupingBy(f -> f.get("channel"), Collectors.counting()));
    }
}
