package dev.sitrep.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.redis.RedisDueTimers;
import dev.sitrep.redis.RedisIncidentStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 15 §4, cost per reminder: 100,000 armed timers in one real redis-server shared by three
 * replicas (three sitrep applications in this JVM), 10,000 of them due within one minute. Prints
 * lateness (when the Slack stand-in received each reminder minus when it was due), reminders per
 * CPU-second of the replicas' reminder threads ({@code sitrep-rhythm}, {@code sitrep-reminders}: the
 * claim, commit, post and bookkeeping of each reminder; Redis' own CPU and Lettuce's I/O threads
 * are not in it) and of the whole JVM (the stand-in included), and the commands Redis processed per
 * reminder ({@code INFO stats}). {@code -Dbench.timers=} and {@code -Dbench.due=} change the counts.
 */
final class ReminderCostBenchmark implements Benchmark {

    private static final String SECRET = "bench-signing-secret";
    private static final int TIMERS = Integer.getInteger("bench.timers", 100_000);
    private static final int DUE = Integer.getInteger("bench.due", 10_000);
    private static final int REPLICAS = 3;
    private static final Duration DUE_WITHIN = Duration.ofMinutes(1);

    @Override
    public String name() {
        return "reminders";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public List<Row> run() throws Exception {
        Path home = Files.createTempDirectory("sitrep-bench-reminders");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Persistence as a production Redis has it (AOF, fsync every second).
        Process redis = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", home.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "")
                .redirectErrorStream(true).redirectOutput(home.resolve("redis.log").toFile()).start();
        List<ConfigurableApplicationContext> replicas = new ArrayList<>();
        RedisRoundTrips roundTrips = new RedisRoundTrips();
        try (FakeSlackApi slack = new FakeSlackApi()) {
            awaitRedis(port);
            for (int r = 0; r < REPLICAS; r++) {
                replicas.add(new SpringApplicationBuilder(SitrepApplication.class)
                        .initializers(context -> context.getBeanFactory().addBeanPostProcessor(roundTrips.installer()))
                        .run("--server.port=0",
                        "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                        "--sitrep.slack.api-url=" + slack.url(), "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + port, "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                        "--logging.level.root=error"));
            }
            RedisIncidentStore store = replicas.get(0).getBean(RedisIncidentStore.class);
            RedisDueTimers timers = replicas.get(0).getBean(RedisDueTimers.class);
            Map<String, Instant> dueByChannel = arm(store, timers);

            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long threadsBefore = reminderThreadsCpu(cpu);
            long processBefore = processCpu();
            RedisInfo infoBefore = RedisInfo.read(port);
            roundTrips.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (slack.requests("chat.postMessage").size() < DUE && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            long threadsCpu = reminderThreadsCpu(cpu) - threadsBefore;
            long processCpu = processCpu() - processBefore;
            roundTrips.stop();
            RedisInfo info = RedisInfo.read(port).minus(infoBefore);
            long commands = info.stat("total_commands_processed");
            System.out.println("[reminders] Redis commands run, per reminder (commandstats, scripts' own included): "
                    + info.perCommand(DUE));
            System.out.println("[reminders] Commands the replicas sent, per reminder (a script is one): "
                    + roundTrips.perCommand(DUE));

            List<Long> lateness = new ArrayList<>();
            for (LoggedRequest request : slack.requests("chat.postMessage")) {
                Instant due = dueByChannel.get(FakeSlackApi.form(request).get("channel"));
                if (due != null) {
                    lateness.add((request.getLoggedDate().getTime() - due.toEpochMilli()) * 1_000_000L);
                }
            }
            assertThat(lateness).as("each due reminder posted once").hasSize(DUE);
            Latencies late = new Latencies(lateness);
            String setting = String.format("%,d armed, %d replicas, %,d due in %d s", TIMERS, REPLICAS, DUE,
                    DUE_WITHIN.toSeconds());
            return List.of(
                    Row.info("reminder lateness p50 (ms), " + setting, late.median()),
                    Row.info("reminder lateness p99 (ms)", late.p99()),
                    Row.info("reminders per CPU-second, reminder threads", DUE / (threadsCpu / 1e9)),
                    Row.info("reminders per CPU-second, whole JVM (3 replicas + stand-in)", DUE / (processCpu / 1e9)),
                    Row.info("Redis commands per reminder", commands / (double) DUE),
                    Row.info("Redis round trips per reminder", roundTrips.roundTrips() / (double) DUE));
        } finally {
            for (ConfigurableApplicationContext replica : replicas) {
                replica.close();
            }
            redis.destroy();
            redis.waitFor();
        }
    }

    /**
     * The far timers first (ten minutes out), then the due ones spread over a minute starting 15 s
     * after arming ends, each incident with its own channel so Slack's per-channel pace never waits.
     */
    private static Map<String, Instant> arm(RedisIncidentStore store, RedisDueTimers timers) throws Exception {
        Map<String, Instant> dueByChannel = new ConcurrentHashMap<>();
        Member alice = new Member("slack", "U1", "alice");
        Duration cadence = Duration.ofMinutes(15);
        ExecutorService arming = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            int far = TIMERS - DUE;
            for (int t = 0; t < 8; t++) {
                int slice = t;
                done.add(arming.submit(() -> {
                    for (int i = slice; i < far; i += 8) {
                        Instant due = Instant.now().plus(Duration.ofMinutes(10));
                        create(store, timers, alice, cadence, due);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            done.clear();
            Instant first = Instant.now().plusSeconds(15);
            for (int t = 0; t < 8; t++) {
                int slice = t;
                done.add(arming.submit(() -> {
                    for (int i = slice; i < DUE; i += 8) {
                        Instant due = first.plusMillis(DUE_WITHIN.toMillis() * i / DUE);
                        dueByChannel.put(create(store, timers, alice, cadence, due), due);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            arming.shutdown();
        }
        return dueByChannel;
    }

    private static String create(RedisIncidentStore store, RedisDueTimers timers, Member who, Duration cadence,
                                 Instant due) {
        var id = store.nextId();
        String channel = "CR" + id.number();
        store.create(Incident.declare(id, "Timer " + id.number(), Severity.SEV1, false, who, due.minus(cadence), cadence)
                .withChannel(new ChannelRef("slack", channel, channel)));
        timers.arm(id, due);
        return channel;
    }

    private static long reminderThreadsCpu(ThreadMXBean cpu) {
        return Arrays.stream(cpu.getThreadInfo(cpu.getAllThreadIds()))
                .filter(t -> t != null && (t.getThreadName().startsWith("sitrep-reminders")
                        || t.getThreadName().startsWith("sitrep-rhythm")))
                .mapToLong(t -> Math.max(0, cpu.getThreadCpuTime(t.getThreadId()))).sum();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }


    private static void awaitRedis(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }
}
