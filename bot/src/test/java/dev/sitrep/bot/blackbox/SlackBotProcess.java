package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real program, {@code bot/target/sitrep.jar}, started as a process with the configuration the
 * README documents, next to a {@code redis-server} of its own. Any attempt to reach a host other
 * than 127.0.0.1 over HTTP(S) goes to a local trap (JVM proxy properties) and is recorded, never
 * sent out.
 */
final class SlackBotProcess implements AutoCloseable {

    final Path dir;
    final Path log;
    private volatile int port;
    private final RedisServerProcess redis;
    private final Process bot;
    private final EscapeTrap trap;
    /** Every attempt of the bot to reach something other than 127.0.0.1 (first request line). */
    final List<String> escapes;

    SlackBotProcess(String slackFakeBase, Map<String, String> env, List<String> args) throws Exception {
        dir = Files.createTempDirectory("sitrep-bb-slack");
        log = dir.resolve("bot.log");
        redis = RedisServerProcess.ephemeral(dir, "redis");
        int redisPort = redis.port();
        trap = new EscapeTrap(dir, slackFakeBase);
        escapes = trap.attempts;
        Path jar = Path.of(System.getProperty("user.dir")).resolve("target/sitrep.jar");
        if (!Files.exists(jar)) jar = Path.of("bot/target/sitrep.jar").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-jar", jar.toString(), LoopbackPorts.LOG_TOMCAT_PORT,
                // README "Configuration": an external Redis, e.g. redis://redis:6379
                "--spring.data.redis.url=redis://127.0.0.1:" + redisPort,
                "--sitrep.postmortem.dir=" + dir.resolve("postmortems"),
                "--sitrep.local-redis.data-dir=" + dir.resolve("redis")));
        cmd.addAll(1, trap.jvmFlags());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("DISCORD_") || k.startsWith("SITREP_")
                || k.equals("GITHUB_TOKEN") || k.equals("CONFLUENCE_TOKEN") || k.equals("PORT"));
        // README: "on port 8080 (PORT to change)". 0: it binds a free port itself and logs it (see port()); a
        // port picked here and bound later could be taken meanwhile by another test JVM's server.
        pb.environment().put("PORT", "0");
        pb.environment().putAll(env);
        bot = pb.start();
    }

    String base() { return "http://127.0.0.1:" + port(); }

    /** The port the bot's web server bound, from its log ("Tomcat started on port N"), once it has. */
    int port() {
        if (port == 0) {
            port = LoopbackPorts.boundPort(bot, log, LoopbackPorts.TOMCAT, Duration.ofSeconds(180));
        }
        return port;
    }

    boolean alive() { return bot.isAlive(); }

    String logText() {
        try { return Files.readString(log, StandardCharsets.UTF_8); } catch (IOException e) { return ""; }
    }

    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits until the bot answers readiness 200 (HTTP mode) or the condition holds. */
    void waitReady(BooleanSupplier ready, java.util.function.Supplier<String> what) {
        // Generous: on a loaded 2-core machine the Spring Boot jar alone takes a minute to start.
        waitFor(Duration.ofSeconds(180), () -> {
            if (!bot.isAlive()) throw new AssertionError("sitrep exited with " + bot.exitValue() + ":\n" + logTail(60));
            return ready.getAsBoolean();
        }, () -> what.get() + "\n--- sitrep log tail ---\n" + logTail(40));
    }

    boolean httpReady() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void waitFor(Duration max, BooleanSupplier cond, String what) {
        waitFor(max, cond, () -> what);
    }

    static void waitFor(Duration max, BooleanSupplier cond, java.util.function.Supplier<String> what) {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            if (cond.getAsBoolean()) return;
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); throw new AssertionError(e); }
        }
        if (cond.getAsBoolean()) return;
        throw new AssertionError("timed out after " + max.toSeconds() + " s waiting for " + what.get());
    }

    static boolean canConnect(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) { return true; } catch (IOException e) { return false; }
    }

    @Override public void close() {
        stop(bot);
        redis.close();
        trap.close();
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) { p.destroyForcibly(); p.waitFor(5, TimeUnit.SECONDS); }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
