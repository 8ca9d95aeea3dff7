package dev.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.RedisServerProcess;
import dev.sitrep.bot.Replicas;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Real Alertmanagers (Debian's prometheus-alertmanager) in front of three real sitrep processes on
 * one Redis, with WireMock as Slack. The two Alertmanagers are an HA pair that does not gossip, so
 * both send every notification, and each sends it to all three replicas at once (one receiver with
 * three webhook configs): six copies of every notification race. Still one incident per group;
 * an alert that begins firing or resolves is on the timeline once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerIT {

    private static final String TOKEN = "alertmanager-it-token-0123456789";
    private static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
    private static final int COPIES = 6;

    private static Path home;
    private static RedisServerProcess redis;
    private static RedisIncidentStore store;
    private static FakeSlackApi slack;
    private static Replicas replicas;
    private static final List<Process> alertmanagers = new ArrayList<>();
    private static final List<Integer> alertmanagerPorts = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final Instant STARTED = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("sitrep-alertmanager");
        redis = RedisServerProcess.ephemeral(home, "redis");
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        store = new RedisIncidentStore(template, RedisKeys.defaults());
        slack = new FakeSlackApi();
        slack.channelCreated("CALERT", "inc-1-checkout-answers-502");
        // Three JVMs starting at once are CPU-bound (about 100 s each at load 15 on 2 cores, a few seconds on a
        // quiet machine): the generous ready wait is on their readiness, and one that exits fails at once with its log.
        replicas = Replicas.start(3, home, List.of("--spring.data.redis.url=redis://127.0.0.1:" + redis.port(),
                "--sitrep.slack.bot-token=xoxb-test", "--sitrep.slack.signing-secret=alertmanager-it-secret",
                "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--sitrep.postmortem.in-channel=false",
                "--sitrep.alerts.token=" + TOKEN, "--sitrep.alerts.window=1h",
                "--sitrep.alerts.rules[0].name=page", "--sitrep.alerts.rules[0].action=declare",
                "--sitrep.alerts.rules[0].match[0]=severity=\"critical\"",
                "--sitrep.alerts.rules[0].severities.critical=sev1", "--sitrep.alerts.rules[0].service=checkout"),
                Duration.ofMinutes(6));
        for (int i = 0; i < 2; i++) {
            alertmanagerPorts.add(startAlertmanager(i));
        }
    }

    private static final java.util.regex.Pattern LISTENING =
            java.util.regex.Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:(\\d+)");

    /** One Alertmanager on 127.0.0.1, alone (no cluster), whose one receiver sends to every replica. */
    private static int startAlertmanager(int n) throws Exception {
        Path dir = Files.createDirectories(home.resolve("alertmanager-" + n));
        StringBuilder webhooks = new StringBuilder();
        for (int r = 0; r < replicas.size(); r++) {
            // https://prometheus.io/docs/alerting/latest/configuration/#webhook_config with http_config.authorization
            webhooks.append("""
                          - url: http://127.0.0.1:%d/alerts/alertmanager
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: %s
                    """.formatted(replicas.port(r), TOKEN));
        }
        // Short group_wait and group_interval so that each step is seconds, not minutes.
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: sitrep
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: sitrep
                    webhook_configs:
                %s""".formatted(webhooks));
        Process process = new ProcessBuilder(ALERTMANAGER, "--config.file=" + dir.resolve("alertmanager.yml"),
                // Port 0: it binds a free port itself and logs it ("Listening on" address=127.0.0.1:N); a port
                // picked here and bound later could be taken meanwhile by another test JVM's server.
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:0",
                "--cluster.listen-address=", "--log.level=debug")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        alertmanagers.add(process);
        int port = LoopbackPorts.boundPort(process, dir.resolve("alertmanager.log"), LISTENING, Duration.ofSeconds(60));
        Replicas.await("alertmanager " + n + " ready", Duration.ofSeconds(60), () -> status(port, "/-/ready") == 200);
        return port;
    }

    @AfterAll
    static void stop() {
        alertmanagers.forEach(Process::destroy);
        if (replicas != null) {
            replicas.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Alertmanager's API v2: POST /api/v2/alerts with postable alerts (https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml). */
    private static void fire(String instance, boolean resolved) throws Exception {
        String body = """
                [{"labels":{"alertname":"CheckoutDown","severity":"critical","service":"checkout","instance":"%s"},
                  "annotations":{"summary":"Checkout answers 502","runbook_url":"https://runbooks.example/checkout"},
                  "startsAt":"%s",%s
                  "generatorURL":"http://prometheus.example:9090/graph?g0.expr=up"}]
                """.formatted(instance, STARTED, resolved ? "\"endsAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"," : "");
        for (int port : alertmanagerPorts) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v2/alerts")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    /** How many notifications the replicas have taken so far (each logs one line per notification). */
    private static int notificationsTaken() {
        return IntStream.range(0, replicas.size()).map(i -> {
            try {
                return (int) Files.readAllLines(home.resolve("replica-" + i + ".log")).stream()
                        .filter(l -> l.contains("Alertmanager alert group")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    private static List<String> alertEntries(Incident incident) {
        return store.timeline(incident.id()).stream().filter(e -> e.kind() == TimelineEntry.Kind.ALERT)
                .map(TimelineEntry::text).toList();
    }

    private static Incident theIncident() {
        List<Incident> open = store.open();
        assertThat(open).as("one incident for the group").hasSize(1);
        return open.get(0);
    }

    @Test
    @Order(1)
    void sixCopiesOfTheFirstNotificationOpenOneIncident() throws Exception {
        fire("web-1", false);
        Replicas.await("six copies of the first notification", Duration.ofSeconds(60),
                () -> notificationsTaken() >= COPIES);

        Incident incident = theIncident();
        assertThat(incident.severity().word()).isEqualTo("sev1");
        assertThat(incident.title()).isEqualTo("Checkout answers 502");
        assertThat(incident.alerts()).singleElement().satisfies(a -> {
            assertThat(a.startsAt()).isEqualTo(STARTED);
            assertThat(a.generatorUrl()).isEqualTo("http://prometheus.example:9090/graph?g0.expr=up");
        });
        assertThat(alertEntries(incident)).singleElement().satisfies(t -> assertThat(t).startsWith("Firing: CheckoutDown"));
        Replicas.await("the kick-off", Duration.ofSeconds(30), () -> slack.messagesTo("CALERT").stream()
                .anyMatch(m -> m.contains("runbooks.example/checkout")));
        assertThat(slack.messagesTo("CALERT")).filteredOn(m -> m.contains("Alerts (1)")).as("one kick-off").hasSize(1);
    }

    @Test
    @Order(2)
    void aNewAlertInTheGroupIsOnTheTimelineOnce() throws Exception {
        int before = notificationsTaken();
        fire("web-2", false);
        Replicas.await("six copies of the next notification", Duration.ofSeconds(60),
                () -> notificationsTaken() >= before + COPIES);

        Incident incident = theIncident();
        assertThat(incident.alerts()).hasSize(2);
        assertThat(alertEntries(incident)).filteredOn(t -> t.contains("instance=web-2")).hasSize(1);
    }

    @Test
    @Order(3)
    void resolutionsAreOnTheTimelineOnceAndTheIncidentStaysOpen() throws Exception {
        int before = notificationsTaken();
        fire("web-1", true);
        fire("web-2", true);
        Replicas.await("the resolved notifications", Duration.ofSeconds(60),
                () -> store.open().stream().anyMatch(Incident::allAlertsResolved) && notificationsTaken() >= before + COPIES);

        Incident incident = theIncident();
        assertThat(incident.status()).as("never resolved by itself").isEqualTo(Status.INVESTIGATING);
        List<String> entries = alertEntries(incident);
        assertThat(entries).filteredOn(t -> t.startsWith("Resolved: CheckoutDown")).hasSize(2);
        assertThat(entries).filteredOn(t -> t.startsWith("All alerts of")).hasSize(1);
        Replicas.await("the resolve? question", Duration.ofSeconds(30), () -> slack.messagesTo("CALERT").stream()
                .anyMatch(m -> m.contains("resolved — resolve?")));
        assertThat(slack.messagesTo("CALERT")).filteredOn(m -> m.contains("resolved — resolve?")).hasSize(1);
    }
}
