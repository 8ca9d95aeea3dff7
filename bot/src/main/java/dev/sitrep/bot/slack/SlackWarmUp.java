package dev.sitrep.bot.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import dev.sitrep.bot.DaemonThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Before the bot reports ready (readiness turns to accepting traffic only after the runners), sends
 * its own {@code /slack/events} a few signed requests that change nothing — Slack's
 * {@code ssl_check} (https://api.slack.com/interactivity/slash-commands#ssl) — over loopback, so
 * Tomcat, the signature check and Bolt's parsing are loaded and initialised before the first
 * command. Issue 15 §1: on a cold JVM the first command took about 1 s to acknowledge. Never fails
 * the start: a warm-up that does not work only costs the first command its speed.
 *
 * <p>Bolt calls Slack's {@code auth.test} once, when its app starts, before it answers its first
 * request; {@link #startBoltInBackground} does that on a daemon thread as soon as the app exists, so
 * it overlaps the rest of the start, and the warm-up waits for it at most {@code wait} (then the
 * first command does).
 */
final class SlackWarmUp implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SlackWarmUp.class);
    static final int REQUESTS = 20;

    private final WebServerApplicationContext context;
    private final String signingSecret;
    private final Duration wait;

    /**
     * @param wait how long one warm-up request may take (a cold JVM's first request on a slow node,
     *             or Bolt's start waiting on Slack's auth.test); past it the bot reports ready
     *             without more warming: {@code sitrep.slack.warm-up-wait}, 5 s
     */
    SlackWarmUp(WebServerApplicationContext context, String signingSecret, Duration wait) {
        this.context = context;
        this.signingSecret = signingSecret;
        this.wait = wait;
    }

    /** Bolt's start (its auth.test) off the start path; a failure is Bolt's to retry on the next request. */
    static void startBoltInBackground(App app) {
        DaemonThreads.once("slack-bolt-start", () -> {
            try {
                app.start();
            } catch (RuntimeException e) {
                LOG.warn("Bolt did not start in the background: {}", e.toString());
            }
        });
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        URI endpoint = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/slack/events");
        SlackSignature.Generator signer = new SlackSignature.Generator(signingSecret);
        String body = "ssl_check=1&token=sitrep-warm-up";
        HttpClient http = HttpClient.newBuilder().connectTimeout(wait).build();
        int answered = 0;
        try {
            for (int i = 0; i < REQUESTS; i++) {
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint).timeout(wait)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp)
                        .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signer.generate(timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    answered++;
                }
            }
        } catch (java.io.IOException e) {
            LOG.info("Slack request path not warmed up: {}", e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("Warmed up the Slack request path: {} of {} signed requests answered in {} ms", answered, REQUESTS,
                (System.nanoTime() - started) / 1_000_000);
    }
}
