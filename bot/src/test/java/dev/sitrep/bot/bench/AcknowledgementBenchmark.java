package dev.sitrep.bot.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import dev.sitrep.bot.slack.SlackBenchStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Issue 15 §1: how long sitrep takes to acknowledge signed {@code /incident start} and
 * {@code update} requests, next to a bare Bolt app that acknowledges the same requests and does
 * nothing else — same run, same JVM, same concurrency, real signed HTTP on 127.0.0.1, alternating
 * rounds so the machine's noise falls on both alike; beside it the JVM's CPU per request during
 * each one's rounds, and who spent it ({@link CpuSplit}). Options: {@code -Dbench.requests=3000
 * -Dbench.concurrency=8}.
 */
final class AcknowledgementBenchmark implements Benchmark {

    static final String SECRET = "bench-signing-secret";
    private static final int REQUESTS = Integer.getInteger("bench.requests", 3000);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    private static final int ROUNDS = 6;

    @Override
    public String name() {
        return "ack";
    }

    @Override
    public int order() {
        return 100;
    }

    /**
     * Bolt with one handler that acknowledges at once: the floor sitrep is compared with. Not a
     * {@code @Configuration}: sitrep's component scan would find it (this is not a JUnit class,
     * which Boot's test filter leaves out) and define its beans in sitrep too.
     */
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

    @Override
    public List<Row> run() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            SlackBenchStubs.everyIncidentItsOwnChannel(slack);
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
                drive(toBare, "warm-bare", 300, CONCURRENCY);
                drive(toSitrep, "warm-sitrep", 300, CONCURRENCY);
                List<Long> bareNanos = Collections.synchronizedList(new ArrayList<>());
                List<Long> sitrepNanos = Collections.synchronizedList(new ArrayList<>());
                Map<String, Long> bareCpu = CpuSplit.tally();
                Map<String, Long> sitrepCpu = CpuSplit.tally();
                ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        CpuSplit before = CpuSplit.now();
                        bareNanos.addAll(drive(senders, toBare, "bare-" + round, REQUESTS / ROUNDS, CONCURRENCY));
                        CpuSplit between = CpuSplit.now();
                        between.addSince(before, bareCpu);
                        sitrepNanos.addAll(drive(senders, toSitrep, "sitrep-" + round, REQUESTS / ROUNDS, CONCURRENCY));
                        CpuSplit.now().addSince(between, sitrepCpu);
                    }
                } finally {
                    senders.shutdown();
                }
                Latencies s = new Latencies(sitrepNanos);
                Latencies b = new Latencies(bareNanos);
                String against = "bare Bolt, " + CONCURRENCY + " concurrent";
                List<Row> rows = new ArrayList<>(List.of(
                        Row.of("Slack ack median (ms), " + s.count() + " requests", s.median(), b.median(), against, "≤ 1.1"),
                        Row.of("Slack ack p99 (ms)", s.p99(), b.p99(), against, "≤ 1.1")));
                // While a round runs, whatever runs: sitrep's work after earlier acks (paced to Slack's tiers,
                // so it trails the acks and runs through the bare app's rounds too), GC, the compiler.
                String perRound = "bare Bolt's rounds";
                sitrepCpu.forEach((group, nanos) -> rows.add(Row.of(
                        (group.equals(CpuSplit.TOTAL) ? "CPU per request during the rounds (ms): " : "… ") + group,
                        nanos / 1e6 / s.count(), bareCpu.get(group) / 1e6 / b.count(), perRound, "")));
                return rows;
            }
        }
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Sends n signed slash commands (half start, half update) from {@code concurrency} senders; each one's latency. */
    static List<Long> drive(SignedSlackRequests target, String label, int n, int concurrency) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        try {
            return drive(senders, target, label, n, concurrency);
        } finally {
            senders.shutdown();
        }
    }

    private static List<Long> drive(ExecutorService senders, SignedSlackRequests target, String label, int n,
                                    int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int s = 0; s < concurrency; s++) {
            futures.add(senders.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    mine.add(command(target, label, i));
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        return all;
    }

    /** One signed command, start or update by {@code i}'s parity; its latency in nanoseconds. */
    static long command(SignedSlackRequests target, String label, int i) throws Exception {
        String text = i % 2 == 0 ? "start Benchmark incident " + i + " sev2"
                : "update confirmed: benchmark update " + i + " | next: 30m";
        long t = System.nanoTime();
        var response = target.command("U1", "alice", i % 2 == 0 ? "CGENERAL" : "CINCIDENT", text, "T-" + label + "-" + i);
        long took = System.nanoTime() - t;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ack " + response.statusCode() + ": " + response.body());
        }
        return took;
    }
}
