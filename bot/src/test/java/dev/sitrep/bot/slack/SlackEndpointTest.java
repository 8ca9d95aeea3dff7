package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.bot.SitrepApplication;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Who may reach Slack's handlers: in Socket Mode only Slack's WebSocket (no /slack/events), in HTTP
 * mode only requests signed with the configured secret, and nothing malformed ever costs a 500 or
 * an ERROR line, signed or not.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackEndpointTest {

    private static final String SECRET = "endpoint-test-secret";
    /** What Bolt verifies with when no signing secret is configured (App.buildDefaultMiddlewareList). */
    private static final String BOLT_PLACEHOLDER_SECRET = "---";

    @Test
    void socketModeServesNoSlackEventsEndpoint() throws Exception {
        FakeSlackSocket socket = new FakeSlackSocket();
        socket.start();
        Path home = Files.createTempDirectory("sitrep-endpoint");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            slack.server.stubFor(post(urlEqualTo("/api/apps.connections.open")).willReturn(okJson(
                    "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link/?ticket=t1\"}")));
            slack.channelCreated("C901", "inc-1-forged");
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-test-token",
                    "--sitrep.slack.app-token=xapp-test-token", "--sitrep.slack.api-url=" + slack.url(),
                    "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
                assertThat(socket.connected.await(120, TimeUnit.SECONDS)).isTrue();
                int port = ((WebServerApplicationContext) bot).getWebServer().getPort();

                HttpResponse<String> forged = new SignedSlackRequests(port, BOLT_PLACEHOLDER_SECRET)
                        .command("U1", "alice", "CGENERAL", "start Forged over HTTP sev1", "T-forged-socket");

                assertThat(forged.statusCode()).isEqualTo(404);
                // A real command over the socket still works, and only it reaches Slack.
                socket.sendEnvelope("""
                        {"envelope_id":"env-ok","type":"slash_commands","accepts_response_payload":true,
                         "payload":{"token":"x","team_id":"T1","team_domain":"acme","channel_id":"CGENERAL",
                          "channel_name":"general","user_id":"U1","user_name":"alice","command":"/incident",
                          "text":"start Real one sev2","api_app_id":"A1","is_enterprise_install":"false",
                          "response_url":"http://127.0.0.1:9/response","trigger_id":"T-socket-ok"}}
                        """.strip());
                FakeSlackApi.await("announcement", Duration.ofSeconds(15), () -> !slack.messagesTo("CBROADCAST").isEmpty());
                assertThat(slack.calls("conversations.create")).singleElement()
                        .satisfies(f -> assertThat(f.get("name")).contains("real-one"));
                assertThat(slack.messagesTo("CBROADCAST")).noneMatch(t -> t.contains("Forged"));
            }
        } finally {
            socket.stop(1000);
        }
    }

    @Test
    void httpModeWithoutSigningSecretRefusesToStart() throws Exception {
        Path home = Files.createTempDirectory("sitrep-endpoint");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-test-token",
                    "--sitrep.slack.api-url=" + slack.url(),
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems")).close())
                    .rootCause().hasMessageContaining("sitrep.slack.signing-secret (SLACK_SIGNING_SECRET) must be set");
            assertThat(slack.calls("auth.test")).as("never got as far as Slack").isEmpty();
        }
    }

    @Test
    void malformedRequestsGet4xxAndNoErrorWithOrWithoutASignature(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-endpoint");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-test-token",
                    "--sitrep.slack.signing-secret=" + SECRET, "--sitrep.slack.api-url=" + slack.url(),
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
                SignedSlackRequests requests = new SignedSlackRequests(
                        ((WebServerApplicationContext) bot).getWebServer().getPort(), SECRET);
                String form = "application/x-www-form-urlencoded";
                Map<String, String> bodies = new LinkedHashMap<>();
                bodies.put("payload not JSON", "payload=not-json");
                bodies.put("payload cut short", "payload=" + URLEncoder.encode(
                        "{\"type\":\"view_submission\",\"view\":{\"id\":\"V1\",\"callback_id\":\"incident_upd",
                        StandardCharsets.UTF_8));
                bodies.put("payload a JSON string", "payload=%22view_submission%22");
                bodies.put("%G1", command(Map.of("text", "start x")).replace("text=start+x", "text=%G1"));
                bodies.put("trailing %E0%A4%A", command(Map.of()) + "&x=%E0%A4%A");
                bodies.put("no user_id", command(Map.of("user_id", "")).replace("user_id=&", ""));
                bodies.put("no channel_id", command(Map.of("channel_id", "")).replace("channel_id=&", ""));
                bodies.put("neither command nor payload", "team_id=T1&user_id=U1");

                List<String> outcomes = new ArrayList<>();
                for (var body : bodies.entrySet()) {
                    long now = Instant.now().getEpochSecond();
                    int signed = requests.send(body.getValue(), form, now, null, null).statusCode();
                    int unsigned = requests.send(body.getValue(), form, now, "v0=" + "0".repeat(64), null).statusCode();
                    outcomes.add(body.getKey() + ": signed " + signed + ", unsigned " + unsigned);
                }
                long now = Instant.now().getEpochSecond();
                String cutEvent = "{\"type\":\"event_callback\",\"event\":{\"type\":\"pin_added\"";
                outcomes.add("event cut short: signed " + requests.send(cutEvent, "application/json", now, null, null)
                        .statusCode() + ", unsigned " + requests.send(cutEvent, "application/json", now, "v0=00", null)
                        .statusCode());

                assertThat(outcomes).allSatisfy(o -> assertThat(o).endsWith("signed 400, unsigned 401"));
                // A well-formed command still goes through after all that.
                slack.channelCreated("C902", "inc-1-after-the-noise");
                assertThat(requests.command("U1", "alice", "CGENERAL", "start After the noise", "T-ok").statusCode())
                        .isEqualTo(200);
                FakeSlackApi.await("channel made", Duration.ofSeconds(15), () -> !slack.calls("conversations.create").isEmpty());
                assertThat(slack.calls("conversations.create")).singleElement()
                        .satisfies(f -> assertThat(f.get("name")).contains("after-the-noise"));
            }
        }
        assertThat(output.getAll().lines().filter(l -> l.contains(" ERROR ") || l.startsWith("\tat "))).isEmpty();
    }

    private static String command(Map<String, String> overrides) {
        Map<String, String> fields = new LinkedHashMap<>(FakeSlackApi.form(
                SignedSlackRequests.slashCommand("U1", "alice", "CGENERAL", "start Malformed", "T-malformed")));
        fields.putAll(overrides);
        return SignedSlackRequests.form(fields);
    }
}
