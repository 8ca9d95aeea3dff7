package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.RedisServerProcess;
import java.io.IOException;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real program as an operator runs it: {@code java -jar bot/target/sitrep.jar} with the
 * README's options, its own {@code redis-server} (BLACKBOX.md allows starting one and passing
 * spring.data.redis.host/port), a scratch working directory, and its output in a log file.
 */
final class BbBot implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    final Path log;
    private final RedisServerProcess redis;
    private final Process bot;

    private BbBot(int port, Path log, RedisServerProcess redis, Process bot) {
        this.port = port;
        this.log = log;
        this.redis = redis;
        this.bot = bot;
    }

    /** Starts redis and the jar; env holds the secrets (never printed), args the --options. */
    static BbBot start(String name, Map<String, String> env, List<String> args) throws Exception {
        Path work = Files.createTempDirectory("bb-" + name);
        RedisServerProcess redis = RedisServerProcess.ephemeral(work, "redis");
        int redisPort = redis.port();
        Process bot = null;
        try {
            // Port 0: the bot binds a free port itself and logs it. A port picked here and bound later could be
            // taken meanwhile by another test JVM's server (the ITs run in two): seen once in CI.
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-jar", jar().toString(),
                    "--server.port=0", "--server.address=127.0.0.1", LoopbackPorts.LOG_TOMCAT_PORT,
                    "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                    "--sitrep.console.enabled=false"));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
            Path log = Path.of("target", "bb-" + name + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            pb.redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("DISCORD_")
                    || k.startsWith("SITREP_") || k.startsWith("SPRING_") || k.equals("PORT"));
            pb.environment().putAll(env);
            bot = pb.start();
            BbBot started = new BbBot(LoopbackPorts.boundPort(bot, log, LoopbackPorts.TOMCAT, Duration.ofSeconds(300)),
                    log, redis, bot);
            started.awaitReady();
            return started;
        } catch (Throwable t) {
            if (bot != null) {
                stop(bot);
            }
            redis.close();
            throw t;
        }
    }

    private void awaitReady() {
        BbWait.untilTrue("sitrep readiness 200 on port " + port, Duration.ofSeconds(300), () -> {
            if (!bot.isAlive()) {
                throw new AssertionError("sitrep exited with " + bot.exitValue() + ":\n" + logTail());
            }
            try {
                return get("/actuator/health/readiness").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }, this::logTail);
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop(bot);
        redis.close();
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path jar() {
        for (Path p : List.of(Path.of("target", "sitrep.jar"), Path.of("bot", "target", "sitrep.jar"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new AssertionError("bot/target/sitrep.jar not built: run ./mvnw -o -q -B -pl bot -am package -DskipTests");
    }

    private static String javaBin() {
        return Optional.ofNullable(System.getProperty("java.home")).map(h -> Path.of(h, "bin", "java").toString()).orElse("java");
    }
}
