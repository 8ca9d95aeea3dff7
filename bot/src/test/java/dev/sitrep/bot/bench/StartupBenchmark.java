package dev.sitrep.bot.bench;

import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import dev.sitrep.bot.slack.SlackBenchStubs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Issue 15 §2 and the first command of §1, on the real jar as separate processes: from the JVM's
 * start to {@code /actuator/health/readiness} = 200 in Slack (HTTP) mode against a local
 * {@code redis-server}, the first command's acknowledgement right after that next to the warm
 * median of the same process, RSS and CPU when ready — for {@code java -jar} on this JVM, with a
 * CDS archive on it (JDK 17's cache), and with JDK 25's AOT cache made and used as the image does
 * (its training run) when a JDK 25 is found ({@code -Dbench.java25=/path/to/java}, else {@code /usr/lib/jvm/*25*}).
 * The console's start ({@code ./sitrep}) is {@link ConsoleBenchmark}.
 * {@code -Dbench.starts=3} starts per variant, the median printed: the first command is one sample per start
 * (5–10 ms against a warm median of 2–5 ms on a quiet machine), so of two, the faster, swung from 1× to 3.5×. Last, one
 * profiled start names the steps that took the most time ({@link StartupProfile}).
 */
final class StartupBenchmark implements Benchmark {

    private static final String SECRET = "bench-startup-secret";
    private static final int STARTS = Integer.getInteger("bench.starts", 3);
    private static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");
    /** C1 only, with the bench build's generated bean definitions (bot/pom.xml, profile bench: Slack HTTP mode only). */
    private static final List<String> C1_SPRING_AOT = List.of("-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true");
    /** What Spring's AOT processing adds to the jar; only ./bench's build has it. */
    private static final String SPRING_AOT_CLASS = "BOOT-INF/classes/dev/sitrep/bot/SitrepApplication__ApplicationContextInitializer.class";
    private static final int WARM_COMMANDS = 100;
    private static final int PROFILE_STEPS = 6;
    /** {@code -Dbench.ready-within=<seconds>}: a shared, loaded machine may need more than 3 minutes. */
    static final Duration READY_WITHIN = Duration.ofSeconds(Long.getLong("bench.ready-within", 180));
    /** Issue 15's figures on 2 cores before this work: RSS after start. */
    private static final double RSS_BEFORE_MB = 333;

    private final Path root = repositoryRoot();
    private final Path jar = root.resolve("bot/target/sitrep.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<Row> run() throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar + ": ./bench builds it (mvn verify -Pbench)");
        }
        Path work = Files.createTempDirectory("sitrep-bench-startup");
        List<Row> rows = new ArrayList<>();
        try (FakeSlackApi slack = new FakeSlackApi(); Redis redis = new Redis(work)) {
            SlackBenchStubs.everyIncidentItsOwnChannel(slack);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            String v = Runtime.version().feature() + "";
            rows.addAll(variant("java -jar, JDK " + v, slack, redis, work, List.of(java.toString(), "-jar", jar.toString())));
            rows.addAll(variant("CDS, JDK " + v, slack, redis, work, cached(java, work.resolve("cds"), false, List.of())));
            Optional<Path> java25 = java25();
            if (java25.isPresent()) {
                // The image as the Dockerfile builds it (its ENV: 4 warm-up commands), then the same with C1
                // only (-XX:TieredStopAtLevel=1, trained so too): side by side, so the JIT flag's worth is measured.
                rows.addAll(variant("image, AOT cache, JDK 25", slack, redis, work,
                        image(cached(java25.get(), work.resolve("aot"), true, List.of()))));
                rows.addAll(variant("image + C1 only, JDK 25", slack, redis, work,
                        image(cached(java25.get(), work.resolve("aot-c1"), true, C1_ONLY))));
                if (hasSpringAot()) {
                    // Measured, not shipped: Spring's generated bean definitions fix every condition at build
                    // time, so this row holds for the one mode they were made for (docs/architecture.md "Startup").
                    rows.addAll(variant("image + C1 + Spring AOT (Slack HTTP mode only, not shipped), JDK 25", slack,
                            redis, work, image(cached(java25.get(), work.resolve("aot-spring"), true, C1_SPRING_AOT))));
                }
            }
            rows.addAll(profile(slack, redis, work, java));
        }
        return rows;
    }

    /** Starts the bot {@link #STARTS} times with {@code command}; rows for readiness, first ack, RSS and CPU. */
    private List<Row> variant(String label, FakeSlackApi slack, Redis redis, Path work, List<String> command) throws Exception {
        List<Double> ready = new ArrayList<>();
        List<Double> firstAck = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> warmUp = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            int port = freePort();
            Path log = work.resolve("bot-" + label.replaceAll("\\W", "") + "-" + i + ".log");
            List<String> full = new ArrayList<>(command);
            full.addAll(slackArgs(slack, redis, port));
            // Its one line says what the Slack warm-up (issue 15 §1's first command) added to the time to ready.
            full.add("--logging.level.dev.sitrep.bot.slack.SlackWarmUp=info");
            long started = System.nanoTime();
            Process bot = new ProcessBuilder(full).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                waitFor(READY_WITHIN, () -> ready(port) || !bot.isAlive(), label + " ready");
                if (!bot.isAlive()) {
                    throw new IllegalStateException(label + " exited: " + Files.readString(log));
                }
                ready.add((System.nanoTime() - started) / 1e9);
                rss.add(rssMegabytes(bot.pid()));
                cpu.add(cpuSeconds(bot.pid()));
                warmUpMillis(log).ifPresent(warmUp::add);
                SignedSlackRequests requests = new SignedSlackRequests(port, SECRET);
                // A new pod's first command comes over a connection the bot has not served yet (the ingress's),
                // so this one opens a new connection to the bot; the client itself is set up first against the
                // Slack stand-in, so its own first use is not timed (a new client's first request to the already
                // warm process took 10-22 ms, against 2-5 ms over a kept connection). The warm commands then
                // follow over this connection, kept.
                requests.warmUpAgainst(URI.create(slack.url()));
                firstAck.add(AcknowledgementBenchmark.command(requests, "first-" + label.hashCode() + "-" + i, 0) / 1e6);
                List<Long> nanos = new ArrayList<>();
                for (int c = 1; c <= WARM_COMMANDS; c++) {
                    nanos.add(AcknowledgementBenchmark.command(requests, "warm-" + label.hashCode() + "-" + i, c));
                }
                warm.add(new Latencies(nanos).median());
            } finally {
                stop(bot);
            }
        }
        double warmMedian = median(warm);
        return List.of(
                Row.of("ready, Slack mode (s): " + label, median(ready), 2.0, "issue bound", "< 1"),
                Row.of("first command ack (ms): " + label, median(firstAck), warmMedian, "warm median, same process", "≤ 2"),
                Row.info("Slack warm-up, part of ready (ms): " + label, warmUp.isEmpty() ? Double.NaN : median(warmUp)),
                Row.of("RSS when ready (MB): " + label, median(rss), RSS_BEFORE_MB, "issue: before", ""),
                Row.info("CPU to ready (s): " + label, median(cpu)));
    }

    /**
     * One more {@code java -jar} start with the startup profile on: the steps with the most time of
     * their own, so the table names where a start's time goes (issue 15 §2).
     */
    private List<Row> profile(FakeSlackApi slack, Redis redis, Path work, Path java) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dsitrep.startup-profile=true", "-jar",
                jar.toString()));
        command.addAll(slackArgs(slack, redis, port));
        Path log = work.resolve("bot-profile.log");
        Process bot = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            waitFor(READY_WITHIN, () -> ready(port) || !bot.isAlive(), "profiled start ready");
            if (!bot.isAlive()) {
                throw new IllegalStateException("profiled start exited: " + Files.readString(log));
            }
            HttpResponse<String> startup = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/startup")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (startup.statusCode() != 200) {
                throw new IllegalStateException("/actuator/startup answered " + startup.statusCode());
            }
            List<Row> rows = new ArrayList<>();
            for (StartupProfile.Step step : StartupProfile.heaviest(startup.body(), PROFILE_STEPS)) {
                rows.add(Row.info("start step, own time (ms): " + step.name(), step.selfMillis()));
            }
            return rows;
        } finally {
            stop(bot);
        }
    }

    /**
     * A start-up cache as the image (JDK 25: AOT cache) or {@code ./sitrep} on JDK 17 (CDS archive)
     * makes it, once per build: the jar extracted, one training run ({@code -Dsitrep.training-run=true},
     * {@code TrainingRun}: the whole start, its own requests, exit) in Slack HTTP mode with Redis and
     * Slack's API at closed local ports, as in the image's build. Returns the command that starts with the cache.
     */
    private List<String> cached(Path java, Path dir, boolean aot, List<String> jvmFlags) throws Exception {
        run(List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", dir.toString()),
                dir.getParent().resolve(dir.getFileName() + "-extract.log"));
        Path app = dir.resolve("sitrep.jar");
        Path archive = dir.resolve(aot ? "sitrep.aot" : "sitrep.jsa");
        List<String> train = new ArrayList<>(List.of(java.toString()));
        train.addAll(jvmFlags);
        train.addAll(List.of(aot ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive,
                "-Dsitrep.training-run=true", "-jar", app.toString(), "--server.port=0",
                "--spring.data.redis.url=redis://127.0.0.1:1", "--sitrep.slack.bot-token=xoxb-training",
                "--sitrep.slack.signing-secret=training", "--sitrep.slack.api-url=http://127.0.0.1:9/api/",
                "--sitrep.postmortem.dir=" + dir.resolve("training-postmortems"), "--logging.level.root=error",
                "--logging.level.dev.sitrep=off"));
        run(train, dir.resolve("training.log"));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("training made no " + archive + ": " + Files.readString(dir.resolve("training.log")));
        }
        List<String> start = new ArrayList<>(List.of(java.toString()));
        start.addAll(jvmFlags);
        start.addAll(aot ? List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off", "-jar", app.toString())
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                        "-jar", app.toString()));
        return start;
    }

    private boolean hasSpringAot() throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(SPRING_AOT_CLASS) != null;
        }
    }

    /** The Dockerfile's run-time setting after its training: {@code ENV SITREP_SLACK_WARMUPREQUESTS=4}. */
    private static List<String> image(List<String> start) {
        List<String> command = new ArrayList<>(start);
        command.add("--sitrep.slack.warm-up-requests=4");
        return command;
    }

    /** The warm-up's own measure of itself ({@code SlackWarmUp}'s log line), from the first request to the takes counted. */
    private static Optional<Double> warmUpMillis(Path log) throws IOException {
        var m = java.util.regex.Pattern.compile("Warmed up the Slack request path: .*? in (\\d+) ms").matcher(Files.readString(log));
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private List<String> slackArgs(FakeSlackApi slack, Redis redis, int port) {
        return List.of("--server.port=" + port, "--spring.data.redis.url=redis://127.0.0.1:" + redis.port,
                "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.postmortem.dir=" + redis.dir.resolve("postmortems"), "--logging.level.root=warn");
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static void stop(Process bot) throws InterruptedException {
        bot.destroy();
        if (!bot.waitFor(30, TimeUnit.SECONDS)) {
            bot.destroyForcibly();
        }
    }

    private static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** user + system time of the process, from /proc (clock ticks of 1/100 s on Linux). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static Optional<Path> java25() throws IOException {
        String given = System.getProperty("bench.java25");
        if (given != null) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*\\b25\\b.*|.*-25-.*"))
                    .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst();
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.exists(dir.resolve("sitrep")) && Files.exists(dir.resolve("bot")) ? dir : dir.getParent();
    }

    static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void waitFor(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A redis-server of the benchmark's own on a free loopback port. */
    private static final class Redis implements AutoCloseable {
        final int port;
        final Path dir;
        private final Process process;

        Redis(Path work) throws Exception {
            dir = work;
            port = freePort();
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("redis.log").toFile()).start();
            waitFor(Duration.ofSeconds(30), () -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }, "redis-server on " + port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
