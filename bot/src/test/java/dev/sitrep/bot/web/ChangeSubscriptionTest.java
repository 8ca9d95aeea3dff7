package dev.sitrep.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.RedisProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A replica whose Redis hangs while it starts still starts (issue 15 §2: nothing network-bound on
 * the start path): not ready, and its health says the change notices are not subscribed yet; once
 * Redis answers it becomes ready and subscribes by itself, without a restart.
 */
class ChangeSubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aReplicaStartsWhileRedisHangsAndSubscribesOnceRedisAnswers() throws Exception {
        Path home = Files.createTempDirectory("sitrep-changes");
        try (RedisProcess redis = new RedisProcess(Files.createDirectories(home.resolve("redis")));
             FakeSlackApi slack = new FakeSlackApi()) {
            redis.freeze();
            try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-changes", "--sitrep.slack.signing-secret=changes",
                    "--sitrep.slack.api-url=" + slack.url(), "--spring.data.redis.url=" + redis.url(),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
                int port = ((WebServerApplicationContext) bot).getWebServer().getPort();
                HttpClient http = HttpClient.newHttpClient();

                HttpResponse<String> readiness = get(http, port, "/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"redis\"");
                assertThat(redisChanges(get(http, port, "/actuator/health").body())).contains("\"listening\":false")
                        .doesNotContain("\"UP\"");

                redis.kill();
                redis.start();
                await("ready once Redis answers", WAIT, () -> status(http, port, "/actuator/health/readiness") == 200);
                await("subscribed to change notices", WAIT, () -> {
                    String component = redisChanges(body(http, port, "/actuator/health"));
                    return component.contains("\"listening\":true") && component.contains("\"status\":\"UP\"");
                });
            }
        }
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting: %s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The {@code redisChanges} component of the health answer: one level of nested details. */
    private static String redisChanges(String health) {
        Matcher m = Pattern.compile("\"redisChanges\":\\{([^{}]|\\{[^{}]*\\})*\\}").matcher(health);
        assertThat(m.find()).as("redisChanges in %s", health).isTrue();
        return m.group();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpClient http, int port, String path) {
        return answer(http, port, path).statusCode();
    }

    private static String body(HttpClient http, int port, String path) {
        return answer(http, port, path).body();
    }

    private static HttpResponse<String> answer(HttpClient http, int port, String path) {
        try {
            return get(http, port, path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
