package dev.sitrep.bot.slack;

import dev.sitrep.bot.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real redis-server the test can freeze (SIGSTOP: connections stay open, nothing answers), kill
 * and start again on the same port with the same data (append-only file, synced on every write).
 * Its port is found as {@link RedisServerProcess} finds one (free, and again if taken meanwhile).
 */
public final class RedisProcess implements AutoCloseable {

    private final RedisServerProcess server;

    public RedisProcess(Path dir) throws Exception {
        server = RedisServerProcess.server(dir, "redis", List.of("--dir", dir.toString(), "--appendonly", "yes",
                "--appendfsync", "always", "--save", ""));
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    /** Starts it again after {@link #kill()}, on the same port, with its data. */
    public void start() throws Exception {
        server.restart();
    }

    /** The process stops answering but keeps its connections: what a hung Redis looks like. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Gone for good (SIGKILL works on a frozen process too); {@link #start} brings it back. */
    public void kill() throws InterruptedException {
        server.kill();
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(server.process().pid())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " failed with " + exit);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
