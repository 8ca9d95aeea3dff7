package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rolling deploy stops a replica right after it acknowledged a command: Slack will not send it
 * again, so the replica finishes it before its Redis connection goes.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTest {

    @Test
    void aCommandAcknowledgedBeforeShutdownIsFinished(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-shutdown");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            // Slack is slow to make the channel: the command is still running when the bot is told to stop.
            slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(3).willReturn(
                    okJson("{\"ok\":true,\"channel\":{\"id\":\"CSLOW\",\"name\":\"inc-1-slow\"}}").withFixedDelay(1500)));
            ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-shutdown", "--sitrep.slack.signing-secret=s3",
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"));
            int port = ((WebServerApplicationContext) bot).getWebServer().getPort();
            var ack = new SignedSlackRequests(port, "s3").command("U1", "alice", "CGENERAL", "start Slow sev2", "T-stop-1");
            assertThat(ack.statusCode()).isEqualTo(200);
            FakeSlackApi.await("channel requested", java.time.Duration.ofSeconds(10),
                    () -> !slack.calls("conversations.create").isEmpty());

            bot.close();

            assertThat(slack.messagesTo("CSLOW")).as("kick-off posted").anyMatch(t -> t.contains("INC-1"));
            assertThat(slack.messagesTo("CBROADCAST")).as("announced").anyMatch(t -> t.contains("Slow"));
            assertThat(output.getOut()).doesNotContain("is STOPPING").doesNotContain("failed");
        }
    }
}
