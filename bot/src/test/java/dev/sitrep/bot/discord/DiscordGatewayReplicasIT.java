package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.Replicas;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real bot processes on one Redis, configured for Discord with a fake gateway and WireMock as
 * the REST API: one gateway session at a time, held by the replica with the lease; reminders for
 * Discord incidents posted once each by whichever replica claims them (the others through REST);
 * and when the holder is killed another replica connects within 30 seconds and answers commands.
 * The gateway lease keeps its default (15 s): the lease check connects on its own thread, and a JDA
 * login on a loaded machine can take longer than a shorter lease, which then passes to another replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordGatewayReplicasIT {

    private static final int INCIDENTS = 60;
    private static final String LEASE_KEY = "sitrep:lease:discord-gateway";

    private static FakeDiscordApi discord;
    private static FakeDiscordGateway gateway;
    private static Replicas replicas;
    private static final Set<Integer> alive = new HashSet<>(Set.of(0, 1, 2));

    @BeforeAll
    static void start() throws Exception {
        discord = new FakeDiscordApi();
        gateway = new FakeDiscordGateway();
        gateway.start();
        Path home = Files.createTempDirectory("sitrep-discord-replicas");
        replicas = Replicas.start(3, home, List.of(
                "--spring.data.redis.url=redis://127.0.0.1:" + TestRedis.server().port(),
                "--sitrep.discord.token=fake-discord-token",
                "--sitrep.discord.guild-id=" + GUILD,
                "--sitrep.discord.broadcast-channel=incidents",
                "--sitrep.discord.api-url=" + discord.url(),
                "--sitrep.discord.gateway-url=ws://127.0.0.1:" + gateway.getPort(),
                "--sitrep.reminders.poll-interval=200ms", "--sitrep.reminders.lease=5s",
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--sitrep.postmortem.in-channel=false"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        replicas.close();
        discord.close();
        gateway.stop(1000);
    }

    /** Which replica says it holds the gateway, from its /actuator/health/discord. */
    private static List<Integer> holders() {
        return alive.stream().filter(i -> replicas.body(replicas.port(i), "/actuator/health/discord")
                .contains("\"gateway\":\"held here\"")).toList();
    }

    @Test
    @Order(1)
    void exactlyOneReplicaHoldsTheGatewayAndKeepsIt() throws Exception {
        Replicas.await("a gateway session", Duration.ofSeconds(30), () -> gateway.sessions.size() == 1);
        // Several renewals later (the lease's time to live going back up, the holder unchanged) nobody
        // else has connected and the holder has not reconnected.
        String holderName = TestRedis.connect().opsForValue().get(LEASE_KEY);
        assertThat(holderName).isNotNull();
        LeaseRenewals renewals = new LeaseRenewals(holderName);
        Replicas.await("two renewals of the gateway lease", Duration.ofSeconds(60), () -> renewals.seen() >= 2);
        assertThat(gateway.identifies.get()).isEqualTo(1);
        assertThat(gateway.mostSessionsAtOnce.get()).isEqualTo(1);
        assertThat(holders()).hasSize(1);
        int holder = holders().get(0);
        assertThat(replicas.body(replicas.port(holder), "/actuator/health/discord"))
                .contains("\"status\":\"UP\"").contains("\"status\":\"CONNECTED\"");
        for (int other : alive) {
            if (other != holder) {
                assertThat(replicas.body(replicas.port(other), "/actuator/health/discord"))
                        .contains("\"gateway\":\"standby\"").contains("\"status\":\"UP\"");
            }
        }
    }

    @Test
    @Order(2)
    void remindersForDiscordIncidentsArePostedOnceEachByWhicheverReplicaClaimsThem() throws Exception {
        Instant due = Instant.now().plusSeconds(3);
        Map<IncidentId, String> incidents = Replicas.incidentsDueAtById(due, INCIDENTS, "discord",
                n -> Long.toString(700_000_000_000_000_000L + n), ALICE);
        List<String> channels = List.copyOf(incidents.values());
        Replicas.await("every reminder posted", Duration.ofSeconds(60), () -> reminders(channels).size() == INCIDENTS);
        // Until nothing more can be posted: a second post of any reminder would have been made by then.
        Replicas.await("every reminder settled", Duration.ofSeconds(60), () -> Replicas.settled(incidents.keySet(), due));
        Map<String, Long> perChannel = reminders(channels);
        assertThat(perChannel).hasSize(INCIDENTS).allSatisfy((channel, count) -> assertThat(count).as(channel).isEqualTo(1L));
        assertThat(discord.bodies("POST", "channels/7[0-9]+/messages")).allSatisfy(body ->
                assertThat(body).contains("\"enforce_nonce\":true").contains("\"content\":\"<@" + ALICE + ">\""));
        System.out.printf("discord reminders: %d incidents, each reminded exactly once across 3 replicas%n", perChannel.size());
    }

    @Test
    @Order(3)
    void whenTheHolderIsKilledAnotherReplicaConnectsWithinThirtySecondsAndAnswers() throws Exception {
        int holder = holders().get(0);
        int before = gateway.identifies.get();
        long killed = System.nanoTime();
        replicas.process(holder).destroyForcibly().waitFor();
        alive.remove(holder);
        Replicas.await("another replica on the gateway", Duration.ofSeconds(30),
                () -> gateway.identifies.get() > before && gateway.sessions.size() == 1);
        double seconds = (System.nanoTime() - killed) / 1e9;
        Replicas.await("the new holder's health", Duration.ofSeconds(10), () -> holders().size() == 1);
        assertThat(holders()).doesNotContain(holder);
        assertThat(gateway.mostSessionsAtOnce.get()).as("never two sessions at once").isEqualTo(1);

        // The new holder answers: a start dispatched on its session makes the channel.
        discord.channelCreated("620000000000000001", "[]");
        String start = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                Map.of("title", "After failover", "severity", "sev2"), Map.of()));
        Replicas.await("channel created by the new holder", Duration.ofSeconds(20), () -> discord
                .bodies("POST", "guilds/" + GUILD + "/channels").stream().anyMatch(b -> b.contains("after-failover")));
        System.out.printf("discord gateway: holder killed (SIGKILL), replica %d connected %.1f s later (lease 15 s)%n",
                holders().get(0), seconds);
    }

    @Test
    @Order(4)
    void aStoppedHolderHandsTheGatewayOverAtOnce() throws Exception {
        int holder = holders().get(0);
        int before = gateway.identifies.get();
        long stopped = System.nanoTime();
        String holderName = TestRedis.connect().opsForValue().get(LEASE_KEY);
        replicas.process(holder).destroy();
        replicas.process(holder).waitFor();
        alive.remove(holder);
        // Released on shutdown: the next replica need not wait out the lease, only its next renewal tick.
        assertThat(TestRedis.connect().opsForValue().get(LEASE_KEY)).isNotEqualTo(holderName);
        Replicas.await("the last replica on the gateway", Duration.ofSeconds(30),
                () -> gateway.identifies.get() > before && gateway.sessions.size() == 1);
        double seconds = (System.nanoTime() - stopped) / 1e9;
        assertThat(gateway.mostSessionsAtOnce.get()).isEqualTo(1);
        System.out.printf("discord gateway: holder stopped (SIGTERM), last replica connected %.1f s later%n", seconds);
    }

    /**
     * Counts renewals of the gateway lease by {@code holder}, read each time {@link #seen} is asked:
     * its time to live going up again while the holder stays the same. Fails as soon as someone else
     * holds it or it has run out.
     */
    private static final class LeaseRenewals {
        private final String holder;
        private long lastTtl = Long.MAX_VALUE;
        private int renewals;

        LeaseRenewals(String holder) {
            this.holder = holder;
        }

        int seen() {
            var redis = TestRedis.connect();
            Long ttl = redis.getExpire(LEASE_KEY, java.util.concurrent.TimeUnit.MILLISECONDS);
            String now = redis.opsForValue().get(LEASE_KEY);
            assertThat(now).as("the gateway lease's holder").isEqualTo(holder);
            assertThat(ttl).as("the gateway lease's time to live (ms)").isNotNull().isPositive();
            if (ttl > lastTtl) {
                renewals++;
            }
            lastTtl = ttl;
            return renewals;
        }
    }

    private static Map<String, Long> reminders(List<String> channels) {
        Set<String> wanted = new HashSet<>(channels);
        return discord.requests("POST", "channels/7[0-9]+/messages").stream()
                .filter(r -> r.getBodyAsString().contains("update was due"))
                .map(r -> r.getUrl().split("/")[4])
                .filter(wanted::contains)
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
    }
}
