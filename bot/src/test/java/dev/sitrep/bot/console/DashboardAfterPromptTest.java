package dev.sitrep.bot.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * The console alone answers before its web server exists, and the dashboard, the actuator and the
 * printed URL are all there once it has started beside the prompt (issue 15 §2). With a chat
 * platform the web server starts with the context, as ever.
 */
class DashboardAfterPromptTest {

    @Test
    void theConsoleAnswersFirstThenTheDashboardAndActuatorServe(@TempDir Path home) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleIo io = new ConsoleIo(new StringReader("/incident help\n"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        SpringApplication application = SitrepApplication.application();
        application.addInitializers(c -> c.getBeanFactory().registerSingleton("consoleIo", io));
        try (ConfigurableApplicationContext context = application.run(
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--sitrep.console.user=alice",
                "--server.port=0")) {
            assertThat(context).isInstanceOf(DashboardAfterPrompt.class);
            DashboardAfterPrompt web = (DashboardAfterPrompt) context;
            assertThat(web.deferred()).isTrue();
            assertThat(web.getWebServer()).as("no web server on the way to the prompt").isNull();

            context.getBean(ConsoleChat.class).runUntilEndOfInput();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("/incident start");

            web.startWebInBackground();
            web.awaitWeb(Duration.ofMinutes(2));
            assertThat(web.deferred()).isFalse();
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("sitrep dashboard: http://127.0.0.1:" + port + "/");
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/incidents", "/actuator/health/readiness", "/actuator/health/liveness",
                    "/actuator/prometheus", "/sitrep/dashboard.css"}) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void onlyTheConsoleAloneDefersItsWebServer() {
        assertThat(DashboardAfterPrompt.consoleOnly(new MockEnvironment()
                .withProperty("sitrep.console.enabled", "true"))).isTrue();
        assertThat(DashboardAfterPrompt.consoleOnly(new MockEnvironment()
                .withProperty("sitrep.console.enabled", "false"))).isFalse();
        assertThat(DashboardAfterPrompt.consoleOnly(new MockEnvironment().withProperty("sitrep.console.enabled", "true")
                .withProperty("sitrep.slack.bot-token", "xoxb-1"))).isFalse();
        assertThat(DashboardAfterPrompt.consoleOnly(new MockEnvironment().withProperty("sitrep.console.enabled", "true")
                .withProperty("sitrep.discord.token", "d"))).isFalse();
        assertThat(DashboardAfterPrompt.consoleOnly(new MockEnvironment().withProperty("sitrep.console.enabled", "true")
                .withProperty(DashboardAfterPrompt.SWITCH, "false"))).isFalse();
    }

    /**
     * With Spring's generated bean definitions (./bench's Spring AOT row) this context would register
     * Spring's annotation processors a second time and the start failed ("internalEventListenerProcessor
     * could not be registered"): then it is Spring Boot's own servlet context.
     */
    @Test
    void withGeneratedBeanDefinitionsTheContextIsSpringBoots() {
        assertThat(DashboardAfterPrompt.factory().create(WebApplicationType.SERVLET)).isInstanceOf(DashboardAfterPrompt.class);
        // Spring's own local override of the flag AotDetector reads; null resets it (no JVM-wide system property touched).
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
        try {
            ConfigurableApplicationContext context = DashboardAfterPrompt.factory().create(WebApplicationType.SERVLET);
            // Exactly Spring Boot's plain servlet context: its annotation-config subclass would register them again too.
            assertThat(context).isExactlyInstanceOf(ServletWebServerApplicationContext.class);
        } finally {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
        }
    }
}
