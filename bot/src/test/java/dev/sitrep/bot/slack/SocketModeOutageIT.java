package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sitrep.bot.slack.FakeSlackApi.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.Replicas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real jar ({@code java -jar target/sitrep.jar}) as a new team runs it behind a firewall: Slack
 * over Socket Mode against the local stand-ins, a Slack incident, then a 10 s Redis outage with
 * commands sent during it. Prints what the user saw, step by step.
 */
class SocketModeOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** How often a command arrives during the outage. */
    private static final Duration PACE = Duration.ofMillis(250);

    private final AtomicInteger envelopes = new AtomicInteger();
    private final List<String> transcript = new ArrayList<>();
    private FakeSlackSocket socket;

    @Test
    void aSlackIncidentInSocketModeThroughATenSecondRedisOutage() throws Exception {
        Path home = Files.createTempDirectory("sitrep-socket-outage");
        socket = new FakeSlackSocket();
        socket.start();
        try (RedisProcess redis = new RedisProcess(Files.createDirectories(home.resolve("redis")));
             FakeSlackApi slack = new FakeSlackApi()) {
            slack.server.stubFor(post(urlEqualTo("/api/apps.connections.open")).willReturn(okJson(
                    "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link/?ticket=t1\"}")));
            slack.channelCreated("CDB", "inc-1-database-failover");
            try (Replicas bot = Replicas.start(1, home, List.of("--sitrep.slack.bot-token=xoxb-walkthrough",
                    "--sitrep.slack.app-token=xapp-walkthrough", "--sitrep.slack.api-url=" + slack.url(),
                    "--sitrep.slack.broadcast-channel=CBROADCAST", "--spring.data.redis.url=" + redis.url(),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems")))) {
                int port = bot.port(0);
                assertThat(socket.connected.await(60, TimeUnit.SECONDS)).isTrue();
                int forged = new SignedSlackRequests(port, "---").command("U1", "alice", "CGENERAL",
                        "start Forged sev1", "T-forged").statusCode();
                see("POST /slack/events signed with Bolt's placeholder secret → HTTP " + forged);
                assertThat(forged).isEqualTo(404);

                see("ack: " + command("CGENERAL", "start Database failover sev2"));
                await("kick-off", WAIT, () -> !slack.messagesTo("CDB").isEmpty());
                see("channel #inc-1-database-failover created; kick-off: " + firstLine(slack.messagesTo("CDB").get(0)));
                see("ack: " + command("CDB", "note Primary is not answering"));
                await("note", WAIT, () -> slack.messagesTo("CDB").stream().anyMatch(t -> t.contains("Primary is not")));

                redis.freeze();
                Instant outageStart = Instant.now();
                see("-- Redis frozen (SIGSTOP) --");
                see("readiness: HTTP " + bot.get(port, "/actuator/health/readiness").orElseThrow().statusCode());
                List<String> duringOutage = new ArrayList<>();
                int sent = 0;
                while (Duration.between(outageStart, Instant.now()).compareTo(OUTAGE) < 0) {
                    String text = sent % 2 == 0 ? "note Replica promoted (try " + (sent + 1) + ")" : "status";
                    String ack = command("CDB", text);
                    duringOutage.add(ack);
                    see("ack during the outage for `/incident " + text + "`: " + ack);
                    sent++;
                    // A team typing, not a flood: each of these waits out Redis's command timeout before its
                    // notice, so hundreds of them would only lengthen the wait for the notices below.
                    Thread.sleep(Math.max(0, outageStart.plus(PACE.multipliedBy(sent)).toEpochMilli()
                            - Instant.now().toEpochMilli()));
                }
                int sentDuringOutage = duringOutage.size();
                await("each told privately that nothing was done", WAIT, () -> notTakenNotices(slack) == sentDuringOutage);
                see(sentDuringOutage + " private notices: " + slack.calls("chat.postEphemeral").get(0).get("text"));
                redis.kill();
                redis.start();
                see("-- Redis killed and started again on the same port after "
                        + Duration.between(outageStart, Instant.now()).toSeconds() + " s --");
                await("ready again", WAIT, () -> bot.get(port, "/actuator/health/readiness")
                        .filter(r -> r.statusCode() == 200).isPresent());
                see("readiness: HTTP 200 again, no restart");

                see("ack: " + command("CDB", "note Replica promoted"));
                await("note after the outage", WAIT, () -> slack.messagesTo("CDB").stream()
                        .anyMatch(t -> t.endsWith("Replica promoted")));
                see("channel: " + slack.messagesTo("CDB").stream().filter(t -> t.endsWith("Replica promoted"))
                        .findFirst().orElseThrow());

                transcript.forEach(System.out::println);
                // Acknowledged before the take (issue 15 §1), so the acknowledgement claims nothing.
                assertThat(duringOutage).isNotEmpty().allSatisfy(ack -> assertThat(ack).startsWith("Received `/incident "));
                assertThat(slack.messagesTo("CDB")).noneMatch(t -> t.contains("(try "));
                assertThat(slack.messagesTo("CDB").stream().filter(t -> t.endsWith("Replica promoted"))).hasSize(1);
                assertThat(slack.calls("conversations.create")).hasSize(1);
            }
        } finally {
            socket.stop(1000);
        }
    }

    /** Sends a slash command over the socket and returns the text of its acknowledgement. */
    private static long notTakenNotices(FakeSlackApi slack) {
        return slack.calls("chat.postEphemeral").stream().filter(f -> f.getOrDefault("text", "")
                .contains("sitrep could not take") && f.getOrDefault("text", "").contains("Run it again in a minute.")).count();
    }

    private String command(String channel, String text) throws InterruptedException {
        String envelope = "env-" + envelopes.incrementAndGet();
        socket.sendEnvelope("""
                {"envelope_id":"%s","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"x","team_id":"T1","team_domain":"acme","channel_id":"%s",
                  "channel_name":"%s","user_id":"U1","user_name":"alice","command":"/incident",
                  "text":"%s","api_app_id":"A1","is_enterprise_install":"false",
                  "response_url":"http://127.0.0.1:9/response","trigger_id":"T-%s"}}
                """.formatted(envelope, channel, channel, text, envelope).strip());
        await("ack of " + envelope, WAIT, () -> socket.received.stream().anyMatch(m -> m.contains("\"" + envelope + "\"")));
        String ack = socket.received.stream().filter(m -> m.contains("\"" + envelope + "\"")).findFirst().orElseThrow();
        int at = ack.indexOf("\"text\":\"");
        return at < 0 ? "(empty)" : ack.substring(at + 8, ack.indexOf('"', at + 8));
    }

    private void see(String line) {
        transcript.add(line);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
