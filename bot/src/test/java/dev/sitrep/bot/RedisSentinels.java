package dev.sitrep.bot;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final int primaryPort;
    private final int replicaPort;
    private Process primary;

    RedisSentinels(Path dir) throws Exception {
        this.dir = dir;
        primaryPort = LoopbackPorts.free();
        replicaPort = LoopbackPorts.free();
        primary = server(primaryPort);
        server(replicaPort, "--replicaof", "127.0.0.1", Integer.toString(primaryPort));
        for (int i = 0; i < 3; i++) {
            int port = LoopbackPorts.free();
            sentinelPorts.add(port);
            Path conf = dir.resolve("sentinel-" + port + ".conf");
            // The sentinel rewrites its file (what it learns, the new primary), so each has its own.
            Files.writeString(conf, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 2",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 3000",
                    "sentinel parallel-syncs " + MASTER + " 1", ""));
            start("sentinel-" + port, "/usr/bin/redis-sentinel", conf.toString());
        }
        Replicas.await("the replica in sync and every sentinel seeing both servers and the other two",
                Duration.ofSeconds(30), this::settled);
    }

    private Process server(int port, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--dbfilename", "dump-" + port + ".rdb"));
        command.addAll(List.of(more));
        return start("redis-" + port, command.toArray(String[]::new));
    }

    private Process start(String name, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
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
        primary.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
        processes.forEach(Process::destroyForcibly);
    }
}
