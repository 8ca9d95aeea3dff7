package dev.sitrep.bot.slack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real redis-server the test can freeze (SIGSTOP: connections stay open, nothing answers), kill
 * and start again on the same port with the same data (append-only file, synced on every write).
 */
public final class RedisProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    public RedisProcess(int port, Path dir) throws IOException, InterruptedException {
        this.port = port;
        this.dir = dir;
        start();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        FakeSlackApi.await("redis-server listening on " + port, Duration.ofSeconds(10), this::listening);
    }

    /** The process stops answering but keeps its connections: what a hung Redis looks like. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Gone for good (SIGKILL works on a frozen process too); {@link #start} brings it back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " failed with " + exit);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
