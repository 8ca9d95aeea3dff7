package dev.sitrep.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A named lease one replica holds at a time (the Discord gateway connection, say): a string whose
 * value is the holder, set only if absent and expiring unless renewed. Renewing and releasing check
 * the holder in the same script, so a replica whose lease ran out can never extend or drop the
 * lease its successor took.
 */
public final class RedisLease {

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

    /** Takes the lease if nobody holds it, or extends it if we already do; true while we hold it. */
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

    /** Gives the lease up at once (a clean shutdown), so the next replica need not wait for it to expire. */
    public void release() {
        redis.execute(RELEASE, List.of(key), holder);
    }

    /** Who holds the lease now, if anyone. */
    public Optional<String> holder() {
        return Optional.ofNullable(redis.opsForValue().get(key));
    }

    public String self() {
        return holder;
    }
}
