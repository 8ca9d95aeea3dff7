package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the bot logs while working on an incident names the incident, and neither logs nor the
 * actuator endpoints ever show a credential. A server logs its operational lines at INFO (the
 * console chat only WARN: its terminal is the chat).
 */
@ExtendWith(OutputCaptureExtension.class)
class LogsTest {

    private static final String TOKEN = "xoxb-1111-never-logged";
    private static final String SECRET = "signing-secret-never-logged";

    @Test
    void aFailureWhileWorkingOnAnIncidentIsLoggedWithItsIdAndNoSecret(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-logs");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            // The broadcast channel is gone: the announcement fails and is logged, the incident still starts.
            slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                    .withRequestBody(containing("channel=CBROADCAST"))
                    .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
            slack.channelCreated("CLOG", "inc-1-logged");
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0",
                    "--sitrep.slack.bot-token=" + TOKEN, "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.slack.first-backoff=50ms",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
                int port = ((WebServerApplicationContext) bot).getWebServer().getPort();
                new SignedSlackRequests(port, SECRET).command("U1", "alice", "CGENERAL", "start Logged sev2", "T-log-1");
                FakeSlackApi.await("kick-off posted", Duration.ofSeconds(15), () -> !slack.messagesTo("CLOG").isEmpty());
                FakeSlackApi.await("failure logged", Duration.ofSeconds(15), () -> output.getOut().contains("channel_not_found"));

                List<String> failure = Arrays.stream(output.getOut().split("\n"))
                        .filter(line -> line.contains("channel_not_found")).toList();
                assertThat(failure).isNotEmpty().allSatisfy(line -> assertThat(line).contains("[INC-1]"));
                // The context ends with the command: the next log line on that thread is not about INC-1.
                assertThat(output.getOut().lines().filter(l -> l.contains("[INC-1]")))
                        .allSatisfy(line -> assertThat(line).doesNotContain("Started SitrepApplication"));

                HttpClient http = HttpClient.newHttpClient();
                String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(health).contains("\"slack\"").contains("valid for team acme");
                assertThat(health).doesNotContain(TOKEN).doesNotContain(SECRET);
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/env"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("env not exposed").isEqualTo(404);
            }
        }
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void aServerLogsOperationalLinesAtInfo(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-logs");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            slack.channelCreated("CINFO", "inc-1-info");
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=" + TOKEN, "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
                int port = ((WebServerApplicationContext) bot).getWebServer().getPort();
                String body = SignedSlackRequests.slashCommand("U1", "alice", "CGENERAL", "start Info lines", "T-info-1");
                SignedSlackRequests requests = new SignedSlackRequests(port, SECRET);
                requests.send(body, "application/x-www-form-urlencoded", java.time.Instant.now().getEpochSecond(), null, null);
                requests.send(body, "application/x-www-form-urlencoded", java.time.Instant.now().getEpochSecond(), null, 1);
                FakeSlackApi.await("retry logged", Duration.ofSeconds(15),
                        () -> output.getOut().contains("slack:command:T-info-1 delivered again; already handled"));
            }
        }
        assertThat(output.getOut().lines().filter(l -> l.contains("slack:command:T-info-1 delivered again; already handled")))
                .singleElement().satisfies(line -> assertThat(line).contains(" INFO "));
        assertThat(output.getOut().lines().filter(l -> l.contains("Started local Redis")))
                .singleElement().satisfies(line -> assertThat(line).contains(" INFO "));
    }
}
