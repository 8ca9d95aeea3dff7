package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sitrep.bot.slack.FakeSlackApi.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** With SLACK_APP_TOKEN the bot connects over Socket Mode (no HTTP endpoint) and works the same. */
class SlackSocketModeTest {

    @Test
    void aSlashCommandOverSocketModeStartsAnIncident() throws Exception {
        FakeSlackSocket socket = new FakeSlackSocket();
        socket.start();
        try (FakeSlackApi slack = new FakeSlackApi()) {
            slack.server.stubFor(post(urlEqualTo("/api/apps.connections.open")).willReturn(okJson(
                    "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link/?ticket=t1\"}")));
            slack.channelCreated("C900", "inc-1-socket-mode");
            Path home = Files.createTempDirectory("sitrep-socket");
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0",
                    "--sitrep.slack.bot-token=xoxb-test-token",
                    "--sitrep.slack.app-token=xapp-test-token",
                    "--sitrep.slack.api-url=" + slack.url(),
                    "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
                assertThat(socket.connected.await(120, TimeUnit.SECONDS)).as("connected to the fake Slack").isTrue();

                socket.sendEnvelope("""
                        {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,
                         "payload":{"token":"x","team_id":"T1","team_domain":"acme","channel_id":"CGENERAL",
                          "channel_name":"general","user_id":"U1","user_name":"alice","command":"/incident",
                          "text":"start Socket mode works sev2","api_app_id":"A1","is_enterprise_install":"false",
                          "response_url":"http://127.0.0.1:9/response","trigger_id":"T-socket-1"}}
                        """.strip());

                await("ack envelope", Duration.ofSeconds(10), () -> socket.received.stream()
                        .anyMatch(m -> m.contains("\"envelope_id\":\"env-1\"")));
                assertThat(socket.received.stream().filter(m -> m.contains("env-1")).findFirst().orElseThrow())
                        .contains("Received `/incident start Socket mode works sev2`");
                // The acknowledgement no longer waits for the take (issue 15 §1), so this wait covers the take too.
                await("announcement", Duration.ofSeconds(60), () -> !slack.messagesTo("CBROADCAST").isEmpty());
                assertThat(slack.calls("conversations.create").get(0)).containsEntry("name", "inc-1-socket-mode-works");
                assertThat(slack.messagesTo("CBROADCAST").get(0)).startsWith("INC-1 (SEV2) declared: Socket mode works");
                assertThat(slack.requests("apps.connections.open").get(0).getHeader("Authorization"))
                        .isEqualTo("Bearer xapp-test-token");

                int port = ((WebServerApplicationContext) bot).getWebServer().getPort();
                String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/slack")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(health).contains("\"socketMode\":\"connected\"").contains("\"status\":\"UP\"");
            }
        } finally {
            socket.stop(1000);
        }
    }
}
