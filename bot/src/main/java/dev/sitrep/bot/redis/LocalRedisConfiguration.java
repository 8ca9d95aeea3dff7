package dev.sitrep.bot.redis;

import dev.sitrep.bot.DaemonThreads;
import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.redis.LocalRedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * With no {@code spring.data.redis.url}, runs a local Redis with its data under
 * {@code sitrep.local-redis.data-dir}, so the same code path as production runs on a laptop and
 * incidents survive a restart. Its first connection is made on a thread of its own as soon as the
 * connection factory is ready ({@link #localRedisEarlyConnect()}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoRedisConfigured.class)
class LocalRedisConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRedisConfiguration.class);

    @Bean(destroyMethod = "close")
    LocalRedisServer localRedisServer(SitrepProperties properties) {
        LocalRedisServer server = LocalRedisServer.persistent(properties.localRedis().dataDir());
        LOG.info("Started local Redis ({}) on 127.0.0.1:{} with data in {}", LocalRedisServer.binaryDescription(),
                server.port(), properties.localRedis().dataDir());
        return server;
    }

    /** The same timeouts as a configured Redis (spring.data.redis.timeout / connect-timeout in application.yml). */
    @Bean
    LettuceConnectionFactory redisConnectionFactory(LocalRedisServer server, DataRedisProperties redis) {
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder();
        if (redis.getTimeout() != null) {
            client.commandTimeout(redis.getTimeout());
        }
        if (redis.getConnectTimeout() != null) {
            client.clientOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder().connectTimeout(redis.getConnectTimeout()).build()).build());
        }
        return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()), client.build());
    }

    /**
     * Connects to the local Redis as soon as its connection factory is started, on a thread of its own,
     * while the rest of the start (web server, dashboard, security) goes on: Lettuce's first connection
     * (Netty's event loops, its classes, the handshake) otherwise fell on the console's first command —
     * on a loaded 2-core machine past the 2 s a take waits, so the first command was refused (issue 15
     * §2). {@code RedisHealthConfiguration}'s warm-up, which runs once every bean is made, then finds
     * the connection made. Static: a post-processor is made before the beans it sees.
     */
    @Bean
    static BeanPostProcessor localRedisEarlyConnect() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory && factory.isRunning()) {
                    DaemonThreads.once("local-redis-connect", () -> {
                        try (RedisConnection connection = factory.getConnection()) {
                            connection.ping();
                        } catch (RuntimeException e) {
                            // The health warm-up and readiness say it; the first command retries anyway.
                            LOG.debug("Early connection to the local Redis failed: {}", e.toString());
                        }
                    });
                }
                return bean;
            }
        };
    }
}
