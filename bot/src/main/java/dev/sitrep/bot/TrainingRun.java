package dev.sitrep.bot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The training start of the JVM's start-up cache (issue 15 §2; the image's build step and
 * {@code ./sitrep}): {@code -Dsitrep.training-run=true}. The whole start runs — web server, runners
 * (the Slack warm-up), background threads — then the bot asks its own loopback web server what
 * Kubernetes and Prometheus ask (health groups, metrics, the dashboard's sign-in), and exits. A JVM
 * started with {@code -XX:AOTCacheOutput} (JDK 25) writes at that exit the classes loaded and linked
 * and the methods' profiles (JEP 483/514/515), so every later start reads them ready-made; a training
 * that stopped once the context was refreshed missed the web server's start, the runners and the
 * first requests. Nothing leaves the machine: the caller points Redis and Slack at closed local ports.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    static final String PROPERTY = "sitrep.training-run";
    /** What a pod is asked from its start on: the probes, then Prometheus, then a person's browser. */
    private static final List<String> PATHS = List.of("/actuator/health/liveness", "/actuator/health/readiness",
            "/actuator/health", "/actuator/prometheus", "/actuator/info", "/", "/incidents");
    private static final int ROUNDS = 5;

    private TrainingRun() {
    }

    static boolean requested(ConfigurableApplicationContext context) {
        return context.getEnvironment().getProperty(PROPERTY, Boolean.class, false);
    }

    /** Asks every path {@link #ROUNDS} times; any answer will do (a 503 readiness without Redis, a 401). */
    static void exercise(ConfigurableApplicationContext context) {
        if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + web.getWebServer().getPort();
        int answered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String path : PATHS) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    answered++;
                } catch (java.io.IOException e) {
                    LOG.info("Training run: {} not answered: {}", path, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.info("Training run: {} requests answered", answered);
    }
}
