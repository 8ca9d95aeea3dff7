package dev.sitrep.bot.redis;

import dev.sitrep.bot.DaemonThreads;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Replaces Spring Boot's Redis health indicator (same bean name, so readiness still includes
 * {@code redis}) with one that answers within {@code sitrep.redis.health-timeout}: Kubernetes must
 * see 503 while Redis is away, and 200 again as soon as it answers, without a restart.
 */
@Configuration(proxyBeanMethods = false)
class RedisHealthConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RedisHealthConfiguration.class);

    @Bean
    RedisHealthWithin redisHealthIndicator(RedisConnectionFactory redis,
                                           @Value("${sitrep.redis.health-timeout:800ms}") Duration within) {
        return new RedisHealthWithin(() -> ping(redis), within);
    }

    /** With Sentinel: the current primary as {@code redisSentinel} in /actuator/health, within the same bound. */
    @Bean
    @ConditionalOnProperty("spring.data.redis.sentinel.master")
    RedisHealthWithin redisSentinelHealthIndicator(RedisConnectionFactory redis,
                                                   @Value("${spring.data.redis.sentinel.master}") String master,
                                                   @Value("${sitrep.redis.health-timeout:800ms}") Duration within) {
        return new RedisHealthWithin(new SentinelPrimary(redis, master), within);
    }

    /**
     * Connects to Redis in the background while the rest starts: Lettuce connects on first use, and
     * a cold first connection should not fall on the first command. Not on the start path (issue 15
     * §2: nothing network-bound there): readiness includes {@code redis}, so a replica whose Redis
     * does not answer is simply not ready, and says why.
     */
    @Bean
    SmartInitializingSingleton redisWarmUp(RedisConnectionFactory redis) {
        return () -> DaemonThreads.once("redis-warm-up", () -> {
            Health health = ping(redis);
            if (health.getStatus().equals(Status.UP)) {
                LOG.info("Redis answered at startup");
            } else {
                LOG.warn("Redis is not answering at startup: {}", health.getDetails().get("error"));
            }
        });
    }

    /** PING, and a one-line reason when it fails (Boot's indicator logs a stack trace on every probe). */
    private static Health ping(RedisConnectionFactory redis) {
        try (RedisConnection connection = redis.getConnection()) {
            return Health.up().withDetail("ping", String.valueOf(connection.ping())).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
