package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.RedisServerProcess;
import dev.sitrep.bot.blackbox.PagerDutyEventsStandIn.Fault;
import dev.sitrep.bot.blackbox.PagerDutyEventsStandIn.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Black-box checks of sitrep's PagerDuty paging (issue 13, "Paging"), written from README.md
 * ("Configure a service", "Paging", "Configure PagerDuty") and PagerDuty's Events API v2 docs only.
 * The real jar runs as a process in console mode, typed to over stdin, against
 * {@link PagerDutyEventsStandIn} and a local redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagerDutyContractIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // On the shared 2-core machine a start takes up to a minute or more under load.
    private static final Duration STARTUP = Duration.ofSeconds(150);
    // Integration keys are 32 characters (https://developer.pagerduty.com/docs/send-alert-event#parameters).
    private static final String CHECKOUT_KEY = "R0CHECKOUTbb42e9c1d7aa0f3e5b6c71";

    private PagerDutyEventsStandIn pagerDuty;
    private RedisServerProcess redis;
    private int redisPort;
    private Path workDir;
    private Bot bot;
    private final StringBuffer allOutput = new StringBuffer();

    @BeforeAll
    void start() throws Exception {
        assertEquals(32, CHECKOUT_KEY.length());
        pagerDuty = new PagerDutyEventsStandIn();
        workDir = Files.createTempDirectory("sitrep-pd-contract");
        redis = RedisServerProcess.ephemeral(workDir, "redis");
        redisPort = redis.port();
        // README "Configure a service": a service in a file passed with --spring.config.import.
        Files.writeString(workDir.resolve("services.yaml"), """
                sitrep:
                  services:
                    checkout:
                      display-name: Checkout
                      owners:
                        console: {members: [alice]}
                      runbook: https://runbooks.example.com/checkout
                      checklist:
                        - Check the payment dashboards
                        - Roll back the last deploy
                      default-severity: sev2
                      paging:
                        routing-key: checkout
                        threshold: sev2
                """);
        bot = startBot();
    }

    @AfterAll
    void stop() {
        if (pagerDuty != null) System.out.println("PagerDuty stand-in received: " + pagerDuty.received());
        if (bot != null) bot.kill();
        if (redis != null) redis.close();
        if (pagerDuty != null) pagerDuty.close();
    }

    // README "Paging": an incident of a service declared at or above its paging.threshold is paged;
    // dedup_key sitrep-INC-<n>-<service>; "SEV1…SEV4 become critical, error, warning, info".
    // PagerDuty: trigger needs routing_key (32), payload.summary/source/severity
    // (https://developer.pagerduty.com/docs/send-alert-event#parameters).
    @Test
    @Order(1)
    void declareAtThresholdPagesOnceWithAValidTrigger() {
        bot.type("/incident start Payments failing sev2 service:checkout");
        Received trigger = awaitAccepted("trigger", "sitrep-INC-1-checkout");
        assertEquals(CHECKOUT_KEY, trigger.routingKey());
        Map<String, Object> payload = trigger.payload();
        assertEquals("error", payload.get("severity"), "SEV2 is sent as 'error' (README)");
        assertTrue(((String) payload.get("summary")).contains("Payments failing"), "summary names the incident: " + payload);
        assertTrue(PagerDutyEventsStandIn.validate(trigger.event()).isEmpty());
        bot.awaitOutput("paged: checkout on-call");
        roundTrip("after-declare");
        assertEquals(1, pagerDuty.accepted("trigger", "sitrep-INC-1-checkout").size(), "paged exactly once");
        assertEquals(0, pagerDuty.received().stream().filter(r -> r.status() != 202).count(),
                "every event sitrep sent was valid: " + pagerDuty.received());
    }

    // README "Paging": "a retry, a repeated command or two replicas paging at once reach the same
    // PagerDuty alert instead of opening a second one"; state survives a restart.
    @Test
    @Order(2)
    void repeatingTheCommandAndARestartDoNotPageTwice() throws Exception {
        bot.type("/incident service checkout");
        roundTrip("after-repeat");
        List<Received> inc1Triggers = pagerDuty.received().stream()
                .filter(r -> "trigger".equals(r.action()) && r.dedupKey() != null && r.dedupKey().contains("INC-1"))
                .toList();
        assertTrue(inc1Triggers.stream().allMatch(r -> "sitrep-INC-1-checkout".equals(r.dedupKey())),
                "every trigger of INC-1 carries the same dedup_key: " + inc1Triggers);
        int before = pagerDuty.accepted("trigger", "sitrep-INC-1-checkout").size();

        bot.quit();
        bot = startBot();
        bot.type("/join #inc-1-payments-failing");
        roundTrip("after-restart");
        assertEquals(before, pagerDuty.accepted("trigger", "sitrep-INC-1-checkout").size(),
                "a restart does not page again");
        assertEquals(1, pagerDuty.received().stream().filter(r -> "trigger".equals(r.action()))
                .map(Received::dedupKey).distinct().count(), "one PagerDuty alert for INC-1");
    }

    // README "Paging": "resolving sends resolve under the same key"; PagerDuty: resolve references
    // the alert by dedup_key via the same routing_key (https://developer.pagerduty.com/docs/send-alert-event#alert-de-duplication).
    @Test
    @Order(3)
    void resolvingTheIncidentResolvesThePagerDutyAlert() {
        bot.type("/incident resolve Rolled back payments deploy");
        Received resolve = awaitAccepted("resolve", "sitrep-INC-1-checkout");
        assertEquals(CHECKOUT_KEY, resolve.routingKey(), "resolve via the routing_key of the trigger");
        roundTrip("after-resolve");
        assertEquals(1, pagerDuty.accepted("resolve", "sitrep-INC-1-checkout").size());
    }

    // README "Paging": by hand: /incident page checkout (commander or an update role).
    @Test
    @Order(4)
    void pagingByHand() {
        bot.type("/join #general");
        bot.type("/incident start Latency spike sev3");
        bot.awaitOutput("Declared INC-2");
        bot.type("/incident page checkout");
        Received trigger = awaitAccepted("trigger", "sitrep-INC-2-checkout");
        assertEquals(CHECKOUT_KEY, trigger.routingKey());
        assertEquals("warning", trigger.payload().get("severity"), "SEV3 is sent as 'warning' (README)");
        roundTrip("after-manual-page");
        assertEquals(1, pagerDuty.accepted("trigger", "sitrep-INC-2-checkout").size());
    }

    // PagerDuty: 400 Bad Request, do not retry
    // (https://developer.pagerduty.com/docs/events-api-v2-overview#response-codes--retry-logic).
    // README: "a 400 is final and the commander is told PagerDuty's own words ... (in the answer,
    // the channel and on the timeline)"; routing keys never appear "even when PagerDuty's answer
    // quotes one"; issue: nothing already stored is lost.
    @Test
    @Order(5)
    void aRefusedPageIsToldInPagerDutysWordsAndNothingIsLost() throws Exception {
        bot.type("/join #general");
        bot.type("/incident start Search down sev3");
        bot.awaitOutput("Declared INC-3");
        bot.type("/incident note before-the-page-kept");
        bot.awaitOutput("before-the-page-kept");
        pagerDuty.failNext(new Fault(400, List.of(
                "Event rule search-freeze-window rejected the event",
                "routing_key " + CHECKOUT_KEY + " is disabled for this rule")));
        bot.type("/incident page checkout");
        bot.awaitOutput("Event object is invalid");
        bot.awaitOutput("search-freeze-window");
        roundTrip("after-refusal");
        assertEquals(1, pagerDuty.received().stream()
                .filter(r -> "sitrep-INC-3-checkout".equals(r.dedupKey())).count(), "a 400 is not retried");

        bot.type("/incident resolve Search back");
        Path postmortem = awaitFile("INC-3-");
        String text = Files.readString(postmortem);
        assertTrue(text.contains("before-the-page-kept"), "the note before the refused page is kept:\n" + text);
        assertTrue(text.contains("Event object is invalid"), "the refusal is on the timeline:\n" + text);
    }

    // PagerDuty: 429 "retry after some time" (https://developer.pagerduty.com/docs/events-api-v2-overview#rate-limits);
    // README: 429 retried with backoff; one page per dedup_key.
    @Test
    @Order(6)
    void aRateLimitThenSuccessEndsInExactlyOneAcceptedTrigger() {
        bot.type("/join #general");
        bot.type("/incident start Cache misses sev3");
        bot.awaitOutput("Declared INC-4");
        pagerDuty.failNext(new Fault(429, List.of()));
        bot.type("/incident page checkout");
        awaitAccepted("trigger", "sitrep-INC-4-checkout");
        roundTrip("after-rate-limit");
        assertEquals(1, pagerDuty.accepted("trigger", "sitrep-INC-4-checkout").size(), "exactly one accepted trigger");
        assertEquals(2, pagerDuty.received().stream()
                .filter(r -> "sitrep-INC-4-checkout".equals(r.dedupKey())).count(), "one 429, then one 202");
    }

    // README "Configure PagerDuty": routing keys "never appear in a log line, a message or an error".
    @Test
    @Order(7)
    void theRoutingKeyNeverAppearsInTheBotsOutput() {
        roundTrip("final");
        String out = allOutput.toString();
        assertFalse(out.contains(CHECKOUT_KEY), "the routing key appeared in sitrep's stdout/stderr");
        assertFalse(out.contains(CHECKOUT_KEY.substring(0, 16)), "part of the routing key appeared in sitrep's stdout/stderr");
    }

    // ---- helpers

    /** Types a note and waits for it, so everything typed before has been handled. */
    private void roundTrip(String marker) {
        bot.type("/incident note " + marker);
        bot.awaitOutput(marker);
    }

    private Received awaitAccepted(String action, String dedupKey) {
        await(() -> !pagerDuty.accepted(action, dedupKey).isEmpty(),
                () -> "no accepted " + action + " for " + dedupKey + "; PagerDuty received " + pagerDuty.received()
                        + "\n--- sitrep output tail:\n" + bot.tail());
        return pagerDuty.accepted(action, dedupKey).get(0);
    }

    private Path awaitFile(String prefix) throws IOException {
        Path dir = workDir.resolve(".sitrep/postmortems");
        Path[] found = new Path[1];
        await(() -> {
            if (!Files.isDirectory(dir)) return false;
            try (Stream<Path> files = Files.list(dir)) {
                found[0] = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
                return found[0] != null && Files.size(found[0]) > 0;
            } catch (IOException e) {
                return false;
            }
        }, () -> "no postmortem " + prefix + " in " + dir + "\n--- sitrep output tail:\n" + bot.tail());
        return found[0];
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> message) {
        await(WAIT, condition, message);
    }

    private static void await(Duration within, BooleanSupplier condition, java.util.function.Supplier<String> message) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) fail(message.get());
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); fail("interrupted"); }
        }
    }

    private Bot startBot() throws IOException {
        Path jar = Path.of(System.getProperty("user.dir")).resolve("target/sitrep.jar");
        if (!Files.exists(jar)) jar = Path.of("bot/target/sitrep.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first: " + jar);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--spring.config.import=file:" + workDir.resolve("services.yaml"),
                "--sitrep.paging.pagerduty.api-url=" + pagerDuty.baseUrl(),
                "--sitrep.paging.first-backoff=300ms",
                "--sitrep.console.user=alice",
                "--sitrep.console.history-file=" + workDir.resolve("history"),
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                // 0: a free port it binds itself (nothing here talks to it over HTTP); a port picked here and
                // bound later could be taken meanwhile by another test JVM's server.
                "--server.port=0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        // README "Configure PagerDuty": the key in the environment, never on a command line.
        pb.environment().put("SITREP_PAGING_PAGERDUTY_ROUTINGKEYS_CHECKOUT", CHECKOUT_KEY);
        Bot b = new Bot(pb.start(), allOutput);
        // the console's banner: "sitrep console. You are alice in #general. ..."
        b.awaitOutput("sitrep console.", STARTUP);
        return b;
    }

    /** The running jar: stdin to type, stdout and stderr collected. */
    static final class Bot {
        private final Process process;
        private final Writer stdin;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer all;

        Bot(Process process, StringBuffer all) {
            this.process = process;
            this.all = all;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            pump(process.getInputStream());
            pump(process.getErrorStream());
        }

        private void pump(InputStream in) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.append(line).append('\n');
                        all.append(line).append('\n');
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void type(String line) {
            try {
                stdin.write(line + "\n");
                stdin.flush();
            } catch (IOException e) {
                fail("sitrep's stdin closed: " + e + "\n" + tail());
            }
        }

        void awaitOutput(String text) {
            awaitOutput(text, WAIT);
        }

        void awaitOutput(String text, Duration within) {
            await(within, () -> out.indexOf(text) >= 0,
                    () -> "sitrep did not print '" + text + "' (alive=" + process.isAlive() + ")\n--- output tail:\n" + tail());
        }

        String tail() {
            String s = out.toString();
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        }

        /** End of input shuts the bot down cleanly (README "A whole incident in the console"). */
        void quit() throws InterruptedException {
            try { stdin.close(); } catch (IOException ignored) { /* already closed */ }
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        }

        void kill() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
