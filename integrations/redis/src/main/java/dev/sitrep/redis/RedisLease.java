package dev.sitrep.redis;

import dev.sitrep.commands.port.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link Lease} in Redis: a string whose value is the holder, set only if absent and expiring
 * unless renewed. Renewing and releasing check the holder in the same script, so a replica whose
 * lease ran out can never extend or drop the lease its successor took.
 */
public final class RedisLease implements Lease {

    private static final RedisScript<Long> RENEW = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """, Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final String holder;

    public RedisLease(StringRedisTemplate redis, RedisKeys keys, String name, String holder) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = keys.lease(Objects.requireNonNull(name, "name"));
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    @Override
    public boolean acquireOrRenew(Duration ttl) {
        if (renew(ttl)) {
            return true;
        }
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, holder, ttl));
    }

    private boolean renew(Duration ttl) {
        Long renewed = redis.execute(RENEW, List.of(key), holder, Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 1L;
    }

    @Override
    public void release() {
        redis.execute(RELEASE, List.of(key), holder);
    }

    @Override
    public Optional<String> holder() {
        return Optional.ofNullable(redis.opsForValue().get(key));
    }

    @Override
    public String self() {
        return holder;
    }
}
