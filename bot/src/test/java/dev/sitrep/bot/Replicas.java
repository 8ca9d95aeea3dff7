package dev.sitrep.bot;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.redis.RedisDueTimers;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.redis.TestRedis;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/** Real bot processes ({@code java -jar bot/target/sitrep.jar}) on one Redis, each on its own port. */
public final class Replicas implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts {@code count} replicas with the same arguments and waits until each is ready. */
    public static Replicas start(int count, Path logs, List<String> arguments) throws Exception {
        return start(count, logs, arguments, Duration.ofSeconds(120));
    }

    /** {@link #start(int, Path, List)}, waiting up to {@code ready} for each (a loaded CI machine starts slowly). */
    public static Replicas start(int count, Path logs, List<String> arguments, Duration ready) throws Exception {
        Replicas replicas = new Replicas();
        try {
            for (int i = 0; i < count; i++) {
                // Port 0: each binds a free port itself and logs it. A port picked here and bound later could be
                // taken meanwhile (another test JVM's server, an outgoing connection's local port).
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                        Path.of("target", "sitrep.jar").toAbsolutePath().toString(), "--server.port=0",
                        LoopbackPorts.LOG_TOMCAT_PORT));
                command.addAll(arguments);
                File log = logs.resolve("replica-" + i + ".log").toFile();
                replicas.processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
            }
            for (int i = 0; i < count; i++) {
                int replica = i;
                Process process = replicas.processes.get(i);
                Path log = logs.resolve("replica-" + i + ".log");
                int port = LoopbackPorts.boundPort(process, log, LoopbackPorts.TOMCAT, ready);
                replicas.ports.add(port);
                await("replica " + replica + " on " + port + " ready", ready, () -> {
                    if (!process.isAlive()) {
                        // A replica that gave up will never be ready: say why now instead of at the deadline.
                        throw new AssertionError("replica " + replica + " exited with " + process.exitValue() + ":\n" + tail(log));
                    }
                    return replicas.get(port, "/actuator/health/readiness").filter(r -> r.statusCode() == 200).isPresent();
                });
            }
            return replicas;
        } catch (Throwable e) {
            // The caller never gets the handle to close: without this the JVMs outlive the test (and its
            // Redis), loading the machine and logging "Unable to connect to Redis" long after.
            replicas.close();
            throw e;
        }
    }

    /** The last lines of a replica's log, for a failure message. */
    static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public int size() {
        return processes.size();
    }

    public int port(int replica) {
        return ports.get(replica);
    }

    public Process process(int replica) {
        return processes.get(replica);
    }

    /** A GET on a replica; empty when it does not answer (not up yet, or killed). */
    public Optional<HttpResponse<String>> get(int port, String path) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The body of a GET on a replica, or "" when it does not answer. */
    public String body(int port, String path) {
        return get(port, path).map(HttpResponse::body).orElse("");
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
        // Where a slow IT spends its time, in its report, without a profiler.
        System.out.printf("waited %.1f s for %s%n", (System.nanoTime() - start) / 1e9, what);
    }

    /**
     * Open SEV1 incidents written straight into the bots' Redis, on {@code platform}, with their
     * update due at {@code due}: their reminders all come due together. Returns their channel ids.
     */
    public static List<String> incidentsDueAt(Instant due, int count, String platform, LongFunction<String> channelId,
                                              String commanderId) {
        return incidentsDueAt(TestRedis.connect(), due, count, platform, channelId, commanderId);
    }

    /** The same, written into the Redis {@code redis} points at. */
    public static List<String> incidentsDueAt(StringRedisTemplate redis, Instant due, int count, String platform,
                                              LongFunction<String> channelId, String commanderId) {
        return List.copyOf(incidentsDueAtById(redis, due, count, platform, channelId, commanderId).values());
    }

    /** {@link #incidentsDueAt}, each channel under its incident's id (for {@link #settled}). */
    public static Map<IncidentId, String> incidentsDueAtById(Instant due, int count, String platform,
                                                             LongFunction<String> channelId, String commanderId) {
        return incidentsDueAtById(TestRedis.connect(), due, count, platform, channelId, commanderId);
    }

    /** The same, written into the Redis {@code redis} points at. */
    public static Map<IncidentId, String> incidentsDueAtById(StringRedisTemplate redis, Instant due, int count,
                                                              String platform, LongFunction<String> channelId,
                                                              String commanderId) {
        RedisKeys keys = RedisKeys.defaults();
        RedisIncidentStore store = new RedisIncidentStore(redis, keys);
        RedisDueTimers timers = new RedisDueTimers(redis, keys, Duration.ofSeconds(5));
        Map<IncidentId, String> channels = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            IncidentId id = store.nextId();
            String channel = channelId.apply(id.number());
            channels.put(id, channel);
            Incident incident = Incident.declare(id, "Load " + id.number(), Severity.SEV1, false,
                            new Member(platform, commanderId, "alice"), due.minus(Duration.ofMinutes(15)), Duration.ofMinutes(15))
                    .withChannel(new ChannelRef(platform, channel, "inc-" + id.number()));
            store.create(incident);
            timers.arm(id, incident.nextUpdateDue());
        }
        return channels;
    }

    /**
     * True once nothing more can be posted for these incidents (written by {@link #incidentsDueAt}
     * with one reminder due at {@code due}) until their next cadence: each outbox is empty, so every
     * effect's key was marked done after it was carried out (a key held by a killed replica first
     * runs out its hold and is settled by another), and each timer is armed for a cadence after
     * {@code due} rather than claimed (a claim is held for the reminders' lease, seconds).
     */
    public static boolean settled(Collection<IncidentId> incidents, Instant due) {
        return settled(TestRedis.connect(), incidents, due);
    }

    /** {@link #settled(Collection, Instant)} as the Redis {@code redis} points at has it. */
    public static boolean settled(StringRedisTemplate redis, Collection<IncidentId> incidents, Instant due) {
        RedisKeys keys = RedisKeys.defaults();
        RedisIncidentStore store = new RedisIncidentStore(redis, keys);
        RedisDueTimers timers = new RedisDueTimers(redis, keys, Duration.ofSeconds(5));
        Instant nextCadence = due.plus(Duration.ofMinutes(10));
        return incidents.stream().allMatch(id -> {
            Instant next = timers.dueOf(id);
            return next != null && next.isAfter(nextCadence) && store.pendingEffects(id).isEmpty();
        });
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
