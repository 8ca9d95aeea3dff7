package dev.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 15 §1: the first command after a start is not the JVM's first request. By the time the bot
 * reports ready, its own /slack/events has answered signed requests that change nothing, and Bolt
 * has made the auth.test it makes once before its first request.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackWarmUpTest {

    @Test
    void theSlackRequestPathIsWarmBeforeTheBotIsReady(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-warm-up");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            // run() returns after the application runners: the moment readiness turns to accepting traffic.
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-warm", "--sitrep.slack.signing-secret=warm-secret",
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                    // However slow this machine is today: the test is about what happens, not how fast.
                    "--sitrep.slack.warm-up-wait=2m")) {
                assertThat(bot.getBean(ApplicationAvailability.class).getReadinessState())
                        .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
                assertThat(output).contains("Warmed up the Slack request path: " + SlackWarmUp.REQUESTS + " of "
                        + SlackWarmUp.REQUESTS + " signed requests answered");
                assertThat(slack.calls("auth.test")).as("Bolt started before the first command").isNotEmpty();
                // The warm-up changes nothing anyone sees.
                assertThat(slack.calls("chat.postMessage")).isEmpty();
                assertThat(slack.calls("chat.postEphemeral")).isEmpty();
                assertThat(slack.calls("conversations.create")).isEmpty();
            }
        }
    }
}
