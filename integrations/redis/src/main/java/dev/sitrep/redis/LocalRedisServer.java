package dev.sitrep.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis for running locally without setting one up: the machine's {@code redis-server} when there
 * is one (newer than the one bundled), else the binary embedded-redis ships. Bound to 127.0.0.1 on a
 * free port. With a data directory it persists (append-only file) so incidents survive a restart.
 */
public final class LocalRedisServer implements AutoCloseable {

    private static final List<String> MACHINE_BINARIES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server");

    private final RedisServer server;
    private final int port;

    private LocalRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a persistent server whose data lives in {@code dataDir}. */
    public static LocalRedisServer persistent(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Redis data directory " + dataDir, e);
        }
        return start(List.of("dir " + dataDir.toAbsolutePath(), "appendonly yes", "appendfsync everysec",
                "save \"\""));
    }

    /** Starts a throwaway server that keeps nothing on disk (tests). */
    public static LocalRedisServer ephemeral() {
        return start(List.of("appendonly no", "save \"\""));
    }

    /**
     * On a free port. redis-server cannot be told to pick one itself ({@code port 0} turns TCP off),
     * so the port is found free first and may be taken by another process before redis-server binds
     * it: then it is started again on another (tests in parallel JVMs met exactly that).
     */
    private static LocalRedisServer start(List<String> settings) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                var builder = RedisServer.newRedisServer().executableProvider(executable()).bind("127.0.0.1").port(port)
                        .onShutdownForceStop(true);
                settings.forEach(builder::setting);
                RedisServer server = builder.build();
                server.start();
                return new LocalRedisServer(server, port);
            } catch (IOException e) {
                if (attempt < MAX_PORT_ATTEMPTS && portTaken(e)) {
                    continue;
                }
                throw new UncheckedIOException("cannot start a local Redis on port " + port, e);
            }
        }
    }

    private static final int MAX_PORT_ATTEMPTS = 5;

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Which binary will run: shown at startup so people know what they are on. */
    public static String binaryDescription() {
        return machineBinary().map(f -> f.getPath()).orElse("the redis-server bundled with embedded-redis");
    }

    private static ExecutableProvider executable() {
        Optional<File> machine = machineBinary();
        return machine.isPresent() ? machine::get : ExecutableProvider.newJarResourceProvider();
    }

    private static Optional<File> machineBinary() {
        return MACHINE_BINARIES.stream().map(File::new).filter(File::canExecute).findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a local Redis", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the local Redis", e);
        }
    }
}
