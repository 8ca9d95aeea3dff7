package dev.sitrep.bot.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import dev.sitrep.bot.DaemonThreads;
import dev.sitrep.commands.inbound.Delivery;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.slack.SlackChatPlatform;
import dev.sitrep.slack.SlackHandlers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Before the bot reports ready (readiness turns to accepting traffic only after the runners), sends
 * its own {@code /slack/events} signed {@code /incident} commands over loopback that change
 * nothing, so the first real command finds its whole acknowledgement path loaded and run: Tomcat,
 * the signature check, Bolt's slash-command parsing, {@link SlackHandlers}, the inbound pipeline
 * and its take in Redis. Issue 15 §1: on a cold JVM the first command took 116–143 ms to
 * acknowledge against a warm median of 12–17 ms.
 *
 * <p>Why they change nothing: each command's delivery key ({@code slack:command:<trigger>}) is
 * marked done in Redis first, so the pipeline's take finds a duplicate — the path of a Slack retry
 * — and runs no work; the handler also never runs work for nor tells anyone about a warm-up trigger
 * id ({@link SlackHandlers#WARM_UP_TRIGGER}), should Redis lose the key meanwhile. The keys lapse
 * after {@link #KEEP}. Nothing is posted, stored for an incident or sent to Slack (SlackWarmUpTest).
 * Without Redis (a replica that starts before its Redis answers) only Slack's {@code ssl_check}
 * requests are sent (https://api.slack.com/interactivity/slash-commands#ssl), which change nothing
 * either. Never fails the start: a warm-up that does not work only costs the first command its speed.
 *
 * <p>Bolt calls Slack's {@code auth.test} once, when its app starts, before it answers its first
 * request; {@link #startBoltInBackground} does that on a daemon thread as soon as the app exists, so
 * it overlaps the rest of the start, and the warm-up waits for it at most {@code wait} (then the
 * first command does).
 */
final class SlackWarmUp implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SlackWarmUp.class);
    /** The default of {@code sitrep.slack.warm-up-requests}. */
    static final int REQUESTS = 16;
    /** How long a warm-up command's key stays in Redis: far longer than its take, then gone. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /** No real channel or user: nothing could ever be posted to them. */
    static final String CHANNEL = "C0SITREPWARMUP";
    static final String USER = "U0SITREPWARMUP";

    private final WebServerApplicationContext context;
    private final String signingSecret;
    private final Duration wait;
    private final int requests;
    private final IdempotencyKeys keys;
    private final @Nullable MeterRegistry meters;

    /**
     * @param wait   how long one warm-up request may take (a cold JVM's first request on a slow node,
     *               or Bolt's start waiting on Slack's auth.test), and how long the takes may take
     *               after the acknowledgements; past it the bot reports ready without more warming:
     *               {@code sitrep.slack.warm-up-wait}, 5 s
     * @param requests how many signed requests: {@code sitrep.slack.warm-up-requests}, {@value #REQUESTS};
     *               fewer where a JDK AOT cache already holds the request path's classes and profiles
     *               (the image)
     * @param meters where the pipeline counts its takes ({@code sitrep.deliveries}): the warm-up
     *               waits until its commands' takes are counted, so the take is warm too
     */
    SlackWarmUp(WebServerApplicationContext context, String signingSecret, Duration wait, int requests,
                IdempotencyKeys keys, @Nullable MeterRegistry meters) {
        this.context = context;
        this.signingSecret = signingSecret;
        this.wait = wait;
        this.requests = Math.max(1, requests);
        this.keys = keys;
        this.meters = meters;
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(wait).build();
        String run = UUID.randomUUID().toString();
        boolean commands = takeBeforehand(run);
        double takesBefore = counted(null);
        double duplicatesBefore = counted("duplicate");
        int answered = 0;
        long firstMillis = -1;
        try {
            for (int i = 0; i < requests; i++) {
                long sent = System.nanoTime();
                String body = commands ? command(trigger(run, i)) : "ssl_check=1&token=sitrep-warm-up";
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint).timeout(wait)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp)
                        .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signer.generate(timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (firstMillis < 0) {
                    firstMillis = (System.nanoTime() - sent) / 1_000_000;
                }
                if (response.statusCode() == 200) {
                    answered++;
                }
            }
        } catch (IOException e) {
            LOG.info("Slack request path not warmed up: {}", e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean taken = commands && takesCounted(takesBefore, duplicatesBefore, answered);
        LOG.info("Warmed up the Slack request path: {} of {} signed {} answered{} in {} ms (the first in {} ms)",
                answered, requests, commands ? "commands" : "ssl_check requests",
                commands ? (taken ? ", each found taken" : ", their takes not all back") : "",
                (System.nanoTime() - started) / 1_000_000, firstMillis);
    }

    static String trigger(String run, int i) {
        return SlackHandlers.WARM_UP_TRIGGER + run + "." + i;
    }

    static String key(String trigger) {
        return new Delivery(SlackChatPlatform.NAME, SlackHandlers.commandDelivery(trigger), CHANNEL, "help").key();
    }

    /** Marks every warm-up command done in Redis; false (ssl_check only) when Redis does not answer. */
    private boolean takeBeforehand(String run) {
        try {
            for (int i = 0; i < requests; i++) {
                keys.complete(key(trigger(run, i)), KEEP);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.info("Slack commands not warmed up (Redis not answering: {}); ssl_check requests only", e.toString());
            return false;
        }
    }

    /** A command as Slack sends it (https://api.slack.com/interactivity/slash-commands#app_command_handling). */
    private static String command(String trigger) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "sitrep-warm-up");
        f.put("team_id", "T0SITREPWARMUP");
        f.put("team_domain", "sitrep-warm-up");
        f.put("channel_id", CHANNEL);
        f.put("channel_name", "sitrep-warm-up");
        f.put("user_id", USER);
        f.put("user_name", "sitrep-warm-up");
        f.put("command", SlackHandlers.COMMAND);
        f.put("text", "help");
        f.put("api_app_id", "A0SITREPWARMUP");
        // Never called (nothing answers a warm-up command), and nowhere but this machine's discard port if it were.
        f.put("response_url", "http://127.0.0.1:9/sitrep-warm-up");
        f.put("trigger_id", trigger);
        return f.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The pipeline's count of Slack deliveries by take outcome ({@code sitrep.deliveries}). */
    private double counted(@Nullable String outcome) {
        if (meters == null) {
            return 0;
        }
        var search = meters.find("sitrep.deliveries").tag("platform", SlackChatPlatform.NAME);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * Waits (at most {@code wait}) until the pipeline has counted the warm-up commands' takes,
     * whatever their outcome; true when each found its key taken.
     */
    private boolean takesCounted(double takesBefore, double duplicatesBefore, int commands) {
        if (meters == null) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (counted(null) < takesBefore + commands && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        return counted("duplicate") >= duplicatesBefore + commands;
    }
}
