package dev.sitrep.bot;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Debian's redis-server and redis-sentinel as real processes on 127.0.0.1: one primary, one replica
 * and three sentinels watching them (quorum 2), each on a free port with its files in a temp dir.
 * Sentinel settings from https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/.
 */
final class RedisSentinels implements AutoCloseable {

    static final String MASTER = "sitrep";

    private final Path dir;
    private final List<RedisServerProcess> processes = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final int primaryPort;
    private final int replicaPort;
    private final RedisServerProcess primary;

    RedisSentinels(Path dir) throws Exception {
        this.dir = dir;
        // Each on a free port, again on a fresh one if it was taken meanwhile (RedisServerProcess).
        primary = server("redis-primary");
        primaryPort = primary.port();
        replicaPort = server("redis-replica", "--replicaof", "127.0.0.1", Integer.toString(primaryPort)).port();
        for (int i = 0; i < 3; i++) {
            Path conf = dir.resolve("sentinel-" + i + ".conf");
            // The sentinel rewrites its file (what it learns, the new primary), so each has its own.
            RedisServerProcess sentinel = RedisServerProcess.start(dir.resolve("sentinel-" + i + ".log"),
                    "+monitor master " + MASTER, port -> {
                        try {
                            Files.writeString(conf, String.join("\n",
                                    "port " + port,
                                    "bind 127.0.0.1",
                                    "dir " + dir,
                                    "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 2",
                                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                                    "sentinel failover-timeout " + MASTER + " 3000",
                                    "sentinel parallel-syncs " + MASTER + " 1", ""));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return List.of("/usr/bin/redis-sentinel", conf.toString());
                    });
            processes.add(sentinel);
            sentinelPorts.add(sentinel.port());
        }
        Replicas.await("the replica in sync and every sentinel seeing both servers and the other two",
                Duration.ofSeconds(30), this::settled);
    }

    private RedisServerProcess server(String name, String... more) throws Exception {
        List<String> options = new ArrayList<>(List.of("--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--dbfilename", "dump-" + name + ".rdb"));
        options.addAll(List.of(more));
        RedisServerProcess server = RedisServerProcess.server(dir, name, options);
        processes.add(server);
        return server;
    }

    /** spring.data.redis.sentinel.nodes: host:port of each sentinel. */
    String nodes() {
        return sentinelPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    int primaryPort() {
        return primaryPort;
    }

    int replicaPort() {
        return replicaPort;
    }

    /** SIGKILL: the primary vanishes without a goodbye, as on a lost node. */
    void killPrimary() throws InterruptedException {
        primary.kill();
    }

    /** The primary's address as the first sentinel answers SENTINEL get-master-addr-by-name. */
    String primaryAsSentinelsSay() {
        return sentinel(0, c -> {
            return c.sync().getMasterAddrByName(MASTER) instanceof InetSocketAddress address
                    ? address.getHostString() + ":" + address.getPort() : "";
        });
    }

    /** A command on one server (e.g. the primary, to write test data and WAIT for the replica). */
    <T> T onServer(int port, Function<StatefulRedisConnection<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (var connection = client.connect()) {
            return work.apply(connection);
        } finally {
            client.shutdown();
        }
    }

    private <T> T sentinel(int index, Function<StatefulRedisSentinelConnection<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinelPorts.get(index)));
        try (var connection = client.connectSentinel()) {
            return work.apply(connection);
        } finally {
            client.shutdown();
        }
    }

    private boolean settled() {
        try {
            boolean synced = onServer(primaryPort, c -> c.sync().info("replication")).contains("state=online");
            for (int i = 0; i < sentinelPorts.size(); i++) {
                Map<String, String> master = sentinel(i, c -> c.sync().master(MASTER));
                if (!"1".equals(master.get("num-slaves")) || !"2".equals(master.get("num-other-sentinels"))) {
                    return false;
                }
            }
            return synced;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (RedisServerProcess process : processes) {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
