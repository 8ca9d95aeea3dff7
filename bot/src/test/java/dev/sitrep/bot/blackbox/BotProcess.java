package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.RedisServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real bot, {@code bot/target/sitrep.jar}, started as a process with its console chat on
 * stdin/stdout (README: "with nothing configured, a console chat in your terminal"; "piping a file
 * into ./sitrep works the same"), and a {@code redis-server} of its own on a free port.
 */
final class BotProcess implements AutoCloseable {

    final Path workDir;
    private RedisServerProcess redis;
    private Process bot;
    private OutputStream stdin;
    final List<String> output = new CopyOnWriteArrayList<>();

    BotProcess(Path workDir) {
        this.workDir = workDir;
    }

    static Path jar() {
        Path jar = Path.of("target/sitrep.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            jar = Path.of("bot/target/sitrep.jar").toAbsolutePath();
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -o -q -B -pl bot -am package -DskipTests");
        }
        return jar;
    }

    void start(Map<String, String> env, List<String> args) throws Exception {
        redis = RedisServerProcess.ephemeral(workDir, "redis");
        int redisPort = redis.port();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar().toString(),
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--sitrep.local-redis.data-dir=" + workDir.resolve("local-redis"),
                "--server.port=0"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("DISCORD_")
                || k.startsWith("GITHUB_") || k.startsWith("CONFLUENCE_") || k.startsWith("SITREP_"));
        pb.environment().putAll(env);
        bot = pb.start();
        stdin = bot.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "bot-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("bot stdin closed; output:\n" + transcript(), e);
        }
    }

    String transcript() {
        return String.join("\n", output);
    }

    int lines() {
        return output.size();
    }

    /** Output lines from index {@code from} on. */
    String since(int from) {
        return String.join("\n", output.subList(Math.min(from, output.size()), output.size()));
    }

    boolean alive() {
        return bot != null && bot.isAlive();
    }

    static void waitFor(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** Deletes the work directory (redis log, local files, the directory sink's postmortems). */
    void deleteWorkDir() {
        try (var paths = Files.walk(workDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        if (bot != null) {
            try {
                stdin.close(); // end of input shuts the bot down cleanly (README)
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!bot.waitFor(10, TimeUnit.SECONDS)) {
                    bot.destroy();
                    if (!bot.waitFor(5, TimeUnit.SECONDS)) {
                        bot.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                bot.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }
}
