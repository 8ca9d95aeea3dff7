package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real bot process ({@code java -jar bot/target/sitrep.jar}) whose Redis is killed, then SIGTERM
 * as Kubernetes sends it, with a readiness probe and a Slack command in flight: the process exits
 * well inside the chart's 45 s grace period instead of waiting out Redis timeouts one after another.
 */
class ShutdownWithoutRedisIT {

    /** Far above what the shutdown needs (about 2 s here), far below the chart's terminationGracePeriodSeconds (45). */
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String SECRET = "shutdown-secret";

    @Test
    void sigtermExitsWithinTheGracePeriodWhenRedisIsGone() throws Exception {
        Path home = Files.createTempDirectory("sitrep-no-redis");
        RedisServerProcess redis = RedisServerProcess.ephemeral(home, "redis");
        int redisPort = redis.port();
        try (FakeSlackApi slack = new FakeSlackApi();
             Replicas bot = Replicas.start(1, home, List.of("--spring.data.redis.url=redis://127.0.0.1:" + redisPort,
                     "--sitrep.slack.bot-token=xoxb-test", "--sitrep.slack.signing-secret=" + SECRET,
                     "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                     "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--logging.level.dev.sitrep=info"))) {
            int port = bot.port(0);
            Path log = home.resolve("replica-0.log");

            redis.kill();
            // What Kubernetes and Slack keep sending meanwhile: both wait on Redis inside the bot.
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> probe = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture.runAsync(() -> {
                try {
                    new SignedSlackRequests(port, SECRET).command("U1", "alice", "CGENERAL", "start During the outage sev2",
                            "T-outage");
                } catch (Exception ignored) {
                    // The bot may be gone before it answers; only the exit is under test.
                }
            });
            Replicas.await("the bot notices Redis is gone", Duration.ofSeconds(60),
                    () -> read(log).contains("Cannot reconnect to"));

            Process process = bot.process(0);
            long start = System.nanoTime();
            process.destroy();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("SIGTERM with Redis gone: the bot exited after %.1f s (bound %d s, chart grace 45 s)%n",
                    took.toMillis() / 1000.0, BOUND.toSeconds());

            assertThat(exited).as("exited at all within 60 s").isTrue();
            assertThat(took).as("time from SIGTERM to exit").isLessThan(BOUND);
            assertThat(read(log)).contains("Redis does not answer; closing its connections");
            assertThat(probe.join().statusCode()).as("the readiness probe in flight is answered: not ready").isEqualTo(503);
        } finally {
            redis.close();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
