package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.sitrep.bot.SitrepApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Benchmark, not a test: how long sitrep takes to acknowledge signed /incident start and update
 * requests, next to a bare Bolt app that acknowledges the same requests and does nothing else, in
 * the same run on the same machine. Prints figures; compare the ratio, not the absolute numbers.
 *
 * <p>Run: {@code ./mvnw -B verify -pl bot -am -Dsitrep.excludedGroups=remote -Dgroups=benchmark}
 * (options: {@code -Dbench.requests=3000 -Dbench.concurrency=8}).
 */
@Tag("benchmark")
class SlackAckBenchmark {

    private static final String SECRET = "bench-signing-secret";
    private static final int REQUESTS = Integer.getInteger("bench.requests", 3000);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    private static final int ROUNDS = 6;

    /** Bolt with one handler that acknowledges at once: the floor sitrep is compared with. */
    @Configuration(proxyBeanMethods = false)
    static class BareBolt {
        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory(0);
        }

        @Bean(destroyMethod = "close")
        Slack slack() {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(System.getProperty("bench.slackApi"));
            return Slack.getInstance(config);
        }

        @Bean
        App app(Slack slack) {
            App app = new App(AppConfig.builder().slack(slack).signingSecret(SECRET).singleTeamBotToken("xoxb-bare").build());
            app.command("/incident", (req, ctx) -> ctx.ack("Working on it…"));
            return app;
        }

        @Bean
        ServletRegistrationBean<SlackAppServlet> events(App app) {
            return new ServletRegistrationBean<>(new SlackAppServlet(app), "/slack/events");
        }
    }

    @Test
    void acknowledgementLatency() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            // Every incident gets its own channel, as in real life, so Slack's per-channel pace does not pile up.
            slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1).willReturn(okJson(
                    "{\"ok\":true,\"channel\":{\"id\":\"C{{randomValue length=9 type='ALPHANUMERIC' uppercase=true}}\","
                            + "\"name\":\"inc-bench\"}}").withTransformers("response-template")));
            System.setProperty("bench.slackApi", slack.url());
            Path home = Files.createTempDirectory("sitrep-bench");
            try (ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--logging.level.root=error");
                 ConfigurableApplicationContext bare = new SpringApplicationBuilder(BareBolt.class)
                         .run("--spring.main.web-application-type=servlet", "--logging.level.root=error")) {
                SignedSlackRequests toSitrep = new SignedSlackRequests(port(sitrep), SECRET);
                SignedSlackRequests toBare = new SignedSlackRequests(port(bare), SECRET);

                drive(toBare, "warm-bare", 300);
                drive(toSitrep, "warm-sitrep", 300);
                List<Long> bareNanos = Collections.synchronizedList(new ArrayList<>());
                List<Long> sitrepNanos = Collections.synchronizedList(new ArrayList<>());
                long sitrepStarted = System.nanoTime();
                long sitrepTime = 0;
                // Alternating rounds, so that the machine's noise falls on both alike.
                for (int round = 0; round < ROUNDS; round++) {
                    bareNanos.addAll(drive(toBare, "bare-" + round, REQUESTS / ROUNDS));
                    long t = System.nanoTime();
                    sitrepNanos.addAll(drive(toSitrep, "sitrep-" + round, REQUESTS / ROUNDS));
                    sitrepTime += System.nanoTime() - t;
                }
                System.out.printf("%nSlack acknowledgement latency, %d signed /incident start+update requests each, "
                        + "%d concurrent, %d alternating rounds%n", bareNanos.size(), CONCURRENCY, ROUNDS);
                System.out.printf("%-10s %10s %10s %12s%n", "", "median ms", "p99 ms", "requests/s");
                print("bare Bolt", bareNanos, -1);
                print("sitrep", sitrepNanos, sitrepNanos.size() / (sitrepTime / 1e9));
                System.out.printf("ratio sitrep/bare: median %.2f, p99 %.2f%n",
                        percentile(sitrepNanos, 50) / percentile(bareNanos, 50),
                        percentile(sitrepNanos, 99) / percentile(bareNanos, 99));
                System.out.printf("(sitrep run took %.1f s in all)%n", (System.nanoTime() - sitrepStarted) / 1e9);
                assertThat(sitrepNanos).hasSize(bareNanos.size());
            }
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Sends n requests (half start, half update) with CONCURRENCY senders; returns each one's latency. */
    private static List<Long> drive(SignedSlackRequests target, String label, int n) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicInteger next = new AtomicInteger();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int s = 0; s < CONCURRENCY; s++) {
            futures.add(senders.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    String text = i % 2 == 0 ? "start Benchmark incident " + i + " sev2"
                            : "update confirmed: benchmark update " + i + " | next: 30m";
                    long t = System.nanoTime();
                    var response = target.command("U1", "alice", i % 2 == 0 ? "CGENERAL" : "CINCIDENT", text,
                            "T-" + label + "-" + i);
                    mine.add(System.nanoTime() - t);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("ack " + response.statusCode() + ": " + response.body());
                    }
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        senders.shutdown();
        return all;
    }

    private static void print(String name, List<Long> nanos, double perSecond) {
        System.out.printf("%-10s %10.2f %10.2f %12s%n", name, percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6,
                perSecond < 0 ? "" : String.format("%.0f", perSecond));
    }

    private static double percentile(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /**
     * Reminder lateness with 10,000 armed timers: 9,000 due later, 1,000 due over five seconds;
     * lateness is when Slack (WireMock) received each reminder minus when it was due. A first round
     * of 1,000 on a fresh JVM is printed as "cold" (the JIT compiles while it runs); the 10,000-timer
     * round after it is the steady state. Also prints the bot's heap growth per open incident
     * (state lives in Redis, so it should be small).
     */
    @Test
    void reminderLatenessWithTenThousandTimers() throws Exception {
        int armed = Integer.getInteger("bench.timers", 10_000);
        int dueSoon = armed / 10;
        try (FakeSlackApi slack = new FakeSlackApi()) {
            Path home = Files.createTempDirectory("sitrep-bench-timers");
            try (ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--logging.level.root=error")) {
                var store = sitrep.getBean(dev.sitrep.redis.RedisIncidentStore.class);
                var timers = sitrep.getBean(dev.sitrep.redis.RedisDueTimers.class);
                var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
                var reminders = sitrep.getBean(dev.sitrep.bot.SitrepProperties.class).reminders();
                System.out.printf("%nReminder lateness (poll interval %s, parallelism %d per replica, one replica)%n",
                        reminders.pollInterval(), reminders.parallelism());
                reminderRound("cold", dueSoon, 0, store, timers, slack);
                slack.reset();
                System.gc();
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                reminderRound("warm", dueSoon, armed - dueSoon, store, timers, slack);
                System.gc();
                long heapAfter = memory.getHeapMemoryUsage().getUsed();
                System.out.printf("heap used: %.1f MB before, %.1f MB after %d more open incidents: %.0f bytes per incident "
                                + "(same JVM as WireMock and the test, so an upper bound)%n",
                        heapBefore / 1e6, heapAfter / 1e6, armed, Math.max(0, heapAfter - heapBefore) / (double) armed);
            }
        }
    }

    /** Arms {@code later} timers ten minutes out, then {@code soon} due over five seconds, and prints their lateness. */
    private static void reminderRound(String label, int soon, int later, dev.sitrep.redis.RedisIncidentStore store,
                                      dev.sitrep.redis.RedisDueTimers timers, FakeSlackApi slack) throws Exception {
        java.util.Map<String, java.time.Instant> dueByChannel = new java.util.HashMap<>();
        java.time.Instant start = null;
        // The far ones first, so that arming the soon ones takes well under their lead time.
        for (int i = soon + later - 1; i >= 0; i--) {
            boolean isSoon = i < soon;
            if (isSoon && start == null) {
                start = java.time.Instant.now().plusSeconds(10);
            }
            var id = store.nextId();
            java.time.Duration cadence = java.time.Duration.ofMinutes(15);
            java.time.Instant due = isSoon ? start.plusMillis(5_000L * i / soon)
                    : java.time.Instant.now().plus(java.time.Duration.ofMinutes(10));
            String channel = "CT" + id.number();
            var incident = dev.sitrep.commands.incident.Incident.declare(id, "Timer " + id.number(),
                    dev.sitrep.commands.incident.Severity.SEV1, false, new dev.sitrep.commands.incident.Member("slack", "U1", "alice"),
                    due.minus(cadence), cadence).withChannel(new dev.sitrep.commands.incident.ChannelRef("slack", channel, channel));
            store.create(incident);
            timers.arm(id, due);
            if (isSoon) {
                dueByChannel.put(channel, due);
            }
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (slack.requests("chat.postMessage").size() < soon && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        List<Long> latenessMillis = new ArrayList<>();
        for (var request : slack.requests("chat.postMessage")) {
            java.time.Instant due = dueByChannel.get(FakeSlackApi.form(request).get("channel"));
            if (due != null) {
                latenessMillis.add(request.getLoggedDate().getTime() - due.toEpochMilli());
            }
        }
        assertThat(latenessMillis).hasSize(soon);
        Collections.sort(latenessMillis);
        System.out.printf("%s: %d timers armed, %d due over 5 s, all posted; lateness median %d ms, p99 %d ms, max %d ms%n",
                label, timers.armed(), soon, latenessMillis.get(latenessMillis.size() / 2),
                latenessMillis.get((int) Math.ceil(latenessMillis.size() * 0.99) - 1),
                latenessMillis.get(latenessMillis.size() - 1));
    }
}
