package dev.sitrep.bot.redis;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.redis.LocalRedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * incidents survive a restart.
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
}
