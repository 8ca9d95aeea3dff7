package dev.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.SitrepApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Issue 15 §1: the first command after a start is not the JVM's first command. By the time the bot
 * reports ready, its own /slack/events has acknowledged signed {@code /incident} commands over real
 * HTTP and the pipeline has taken each in the real Redis — and found it taken, so nothing ran:
 * nothing is stored but the warm-up's own expiring keys, nothing is posted, nothing but Bolt's
 * auth.test reaches Slack.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackWarmUpTest {

    @Test
    void theSlashCommandPathIsWarmBeforeTheBotIsReadyAndNothingChanged(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-warm-up");
        try (FakeSlackApi slack = new FakeSlackApi();
             // run() returns after the application runners: the moment readiness turns to accepting traffic.
             ConfigurableApplicationContext bot = start(slack, home, "--sitrep.local-redis.data-dir=" + home.resolve("redis"))) {
            assertThat(bot.getBean(ApplicationAvailability.class).getReadinessState())
                    .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(output).contains("Warmed up the Slack request path: " + SlackWarmUp.REQUESTS + " of "
                    + SlackWarmUp.REQUESTS + " signed commands answered, each found taken");
            assertThat(slack.calls("auth.test")).as("Bolt started before the first command").isNotEmpty();
            // The warm-up changes nothing anyone sees.
            assertThat(slack.methodsCalled()).as("Slack calls").containsOnly("auth.test");

            MeterRegistry meters = bot.getBean(MeterRegistry.class);
            assertThat(deliveries(meters, "duplicate")).isEqualTo(SlackWarmUp.REQUESTS);
            assertThat(deliveries(meters, "taken")).as("warm-up commands run").isZero();
            assertThat(deliveries(meters, "unavailable")).isZero();
            // Answered in the first filter (SlackEventsFirst): timed once, by sitrep's own timer, and
            // past none of the filters behind it (Boot's http.server.requests observation among them).
            assertThat(meters.find("sitrep.ack.latency").tag("platform", "slack").tag("status", "200").timer())
                    .as("sitrep.ack.latency").isNotNull()
                    .satisfies(t -> assertThat(t.count()).isEqualTo(SlackWarmUp.REQUESTS));
            assertThat(meters.find("http.server.requests").timers()).as("nothing but /slack/events was asked").isEmpty();

            // In Redis: only the warm-up's own keys, each marked done and expiring.
            StringRedisTemplate redis = bot.getBean(StringRedisTemplate.class);
            Set<String> keys = redis.keys("*");
            assertThat(keys).as("Redis keys").hasSize(SlackWarmUp.REQUESTS)
                    .allSatisfy(k -> assertThat(k).startsWith("sitrep:idem:slack:command:sitrep-warm-up."));
            for (String key : keys) {
                assertThat(redis.opsForValue().get(key)).isEqualTo("done");
                assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, SlackWarmUp.KEEP.toSeconds());
            }
        }
    }

    @Test
    void withoutRedisTheWarmUpSendsOnlyRequestsThatChangeNothing(CapturedOutput output) throws Exception {
        Path home = Files.createTempDirectory("sitrep-warm-up-no-redis");
        try (FakeSlackApi slack = new FakeSlackApi();
             // Nothing listens there: every Redis command fails at once.
             ConfigurableApplicationContext bot = start(slack, home,
                     "--spring.data.redis.url=redis://127.0.0.1:" + LoopbackPorts.free(),
                     // The image's shorter warm-up (sitrep.slack.warm-up-requests, Dockerfile) is honoured.
                     "--sitrep.slack.warm-up-requests=3")) {
            assertThat(output).contains("Slack commands not warmed up (Redis not answering")
                    .contains("Warmed up the Slack request path: 3 of 3 signed ssl_check requests answered");
            assertThat(slack.methodsCalled()).as("Slack calls").containsOnly("auth.test");
            assertThat(deliveries(bot.getBean(MeterRegistry.class), null)).as("deliveries").isZero();
        }
    }

    private static ConfigurableApplicationContext start(FakeSlackApi slack, Path home, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--sitrep.slack.bot-token=xoxb-warm", "--sitrep.slack.signing-secret=warm-secret",
                "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                // However slow this machine is today: the test is about what happens, not how fast.
                "--sitrep.slack.warm-up-wait=2m"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SitrepApplication.class).run(args.toArray(String[]::new));
    }

    private static double deliveries(MeterRegistry meters, String outcome) {
        var search = meters.find("sitrep.deliveries").tag("platform", "slack");
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
