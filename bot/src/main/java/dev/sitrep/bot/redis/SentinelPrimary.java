package dev.sitrep.bot.redis;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;

/**
 * With Redis Sentinel, which server is the primary right now as the sentinels see it (SENTINEL
 * MASTERS: the address SENTINEL get-master-addr-by-name answers): after a failover an operator
 * reading /actuator/health sees where sitrep writes. Names and addresses only, never the password.
 * Not part of readiness: sitrep works while its primary answers, whether or not a sentinel does.
 */
final class SentinelPrimary implements HealthIndicator {

    private final RedisConnectionFactory redis;
    private final String master;

    SentinelPrimary(RedisConnectionFactory redis, String master) {
        this.redis = redis;
        this.master = master;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown().withDetail("master", master);
        try (RedisSentinelConnection sentinel = redis.getSentinelConnection()) {
            for (RedisServer server : sentinel.masters()) {
                if (master.equals(server.getName())) {
                    return health.up().withDetail("primary", server.getHost() + ":" + server.getPort()).build();
                }
            }
            return health.down().withDetail("error", "the sentinels do not monitor " + master).build();
        } catch (Exception e) {
            return health.down().withDetail("error", "no sentinel answered: " + e.getMessage()).build();
        }
    }
}
