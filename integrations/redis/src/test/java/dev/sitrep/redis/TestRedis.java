package dev.sitrep.redis;

import io.lettuce.core.event.command.CommandListener;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A real redis-server for tests, one per test JVM, on 127.0.0.1. Tests isolate themselves with a
 * fresh key prefix instead of flushing, so they can share it.
 */
public final class TestRedis {

    private static LocalRedisServer server;
    private static final Map<Integer, StringRedisTemplate> CLIENTS = new HashMap<>();

    private TestRedis() {
    }

    public static synchronized LocalRedisServer server() {
        if (server == null) {
            server = LocalRedisServer.ephemeral(); // a port taken meanwhile is retried inside
            LocalRedisServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    /** A new connection (as a separate replica would have) to the shared test server. */
    public static StringRedisTemplate connect() {
        return connect(new CommandListener[0]);
    }

    /**
     * {@link #connect()}, with {@code listeners} told of every command the client sends (Lettuce wraps
     * a connection with its client's listeners when it connects, so they go on before the first command).
     */
    public static StringRedisTemplate connect(CommandListener... listeners) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", server().port()));
        factory.afterPropertiesSet();
        factory.start();
        for (CommandListener listener : listeners) {
            factory.getRequiredNativeClient().addListener(listener);
        }
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }

    /**
     * Client {@code n} (0, 1, 2 …) of the shared server: one connection kept for the whole test JVM, so
     * suites that make a store per test need not connect each time. Two numbers are two connections,
     * as two replicas have.
     */
    public static synchronized StringRedisTemplate client(int n) {
        return CLIENTS.computeIfAbsent(n, k -> connect());
    }

    public static RedisKeys freshKeys() {
        return new RedisKeys("test-" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }
}
