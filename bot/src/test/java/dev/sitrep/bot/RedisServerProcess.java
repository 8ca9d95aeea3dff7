package dev.sitrep.bot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Debian's {@code redis-server} (or {@code redis-sentinel}) as a process of the test on 127.0.0.1,
 * its output in a log file. It cannot bind port 0 ({@code --port 0} turns TCP off), so it gets a
 * free port and, when that was taken meanwhile (its log says "Address already in use" and it exits),
 * a fresh one ({@link LoopbackPorts#startOnFreePort}). Ready means its own log says it accepts
 * connections: a PING could be answered by another test's Redis that got the port.
 */
public final class RedisServerProcess implements AutoCloseable {

    public static final String BINARY = "/usr/bin/redis-server";
    private static final Duration READY = Duration.ofSeconds(30);

    private volatile Process process;
    private final int port;
    private final Path log;
    private final String ready;
    private final IntFunction<List<String>> command;

    private RedisServerProcess(Process process, int port, Path log, String ready, IntFunction<List<String>> command) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.ready = ready;
        this.command = command;
    }

    /** A throwaway server (nothing on disk) logging to {@code dir/name.log}; {@code more} are extra options. */
    public static RedisServerProcess ephemeral(Path dir, String name, String... more) throws Exception {
        List<String> options = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        options.addAll(List.of(more));
        return server(dir, name, options);
    }

    /** redis-server with {@code options} after --port and --bind, logging to {@code dir/name.log}. */
    public static RedisServerProcess server(Path dir, String name, List<String> options) throws Exception {
        return start(dir.resolve(name + ".log"), "Ready to accept connections", port -> {
            List<String> command = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1"));
            command.addAll(options);
            return command;
        });
    }

    /**
     * A program of the Redis family whose command line {@code command} makes for a port, logging to
     * {@code log}; started once its log has {@code ready}.
     */
    public static RedisServerProcess start(Path log, String ready, IntFunction<List<String>> command) throws Exception {
        Files.createDirectories(log.toAbsolutePath().getParent());
        return LoopbackPorts.startOnFreePort(
                port -> new RedisServerProcess(launch(log, ready, command.apply(port)), port, log, ready, command));
    }

    private static Process launch(Path log, String ready, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(process, log, ready);
        } catch (RuntimeException | Error e) {
            stop(process);
            throw e;
        }
        return process;
    }

    /**
     * The same program on the same port again, after {@link #kill()} (its data comes back from its
     * files if it keeps any). Another process may have taken the port meanwhile: then this fails saying so.
     */
    public void restart() throws Exception {
        try {
            process = launch(log, ready, command.apply(port));
        } catch (LoopbackPorts.PortTaken e) {
            throw new AssertionError("port " + port + " was taken while Redis was down: " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, Path log, String ready) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            String text = LoopbackPorts.read(log);
            if (text.contains(ready)) {
                return;
            }
            if (!process.isAlive()) {
                process.waitFor();
                String now = LoopbackPorts.read(log); // what it wrote before it exited
                if (now.contains("Address already in use")) {
                    throw new LoopbackPorts.PortTaken(now.strip().lines().reduce((a, b) -> b).orElse(""));
                }
                throw new AssertionError(process.info().command().orElse("redis") + " exited with " + process.exitValue()
                        + ":\n" + now);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + ready + "' within " + READY.toSeconds() + " s in " + log + ":\n" + text);
            }
            Thread.sleep(20);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: gone at once, as on a lost node. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
