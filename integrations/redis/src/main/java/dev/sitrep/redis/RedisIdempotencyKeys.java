package dev.sitrep.redis;

import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** Idempotency keys as expiring strings: "pending" while someone works, "done" once it is done. */
public final class RedisIdempotencyKeys implements IdempotencyKeys {

    /**
     * {@link #beginAttempt} in one round trip. KEYS: the key, its attempt marker; ARGV: hold, keep
     * (ms). The marker is only written when the key is taken, as the three separate calls would.
     */
    private static final RedisScript<String> BEGIN_ATTEMPT = RedisScript.of("""
            if redis.call('SET', KEYS[1], 'pending', 'NX', 'PX', ARGV[1]) then
              if redis.call('SET', KEYS[2], 'pending', 'NX', 'PX', ARGV[2]) then return 'FIRST' end
              return 'RETRY'
            end
            if redis.call('GET', KEYS[1]) == 'done' then return 'DONE' end
            return 'BUSY'
            """, String.class);

    /**
     * {@link #holdAfterFailure}: KEYS: the key; ARGV: the wait (ms). A key found done stays done;
     * otherwise (held by the failed try, or run out meanwhile) it is held for the wait, in one step.
     */
    private static final RedisScript<Long> HOLD_AFTER_FAILURE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == 'done' then return 0 end
            redis.call('SET', KEYS[1], 'pending', 'PX', ARGV[1])
            return 1
            """, Long.class);

    /** KEYS: the failure count; ARGV: keep (ms). One step, so a count never outlives its expiry. */
    private static final RedisScript<Long> FAILED = RedisScript.of(
            "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n", Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    public RedisIdempotencyKeys(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public boolean begin(String key, Duration hold) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(keys.idempotency(key), "pending", hold));
    }

    @Override
    public boolean isDone(String key) {
        return "done".equals(redis.opsForValue().get(keys.idempotency(key)));
    }

    @Override
    public void complete(String key, Duration keep) {
        redis.opsForValue().set(keys.idempotency(key), "done", keep);
    }

    @Override
    public Attempt beginAttempt(String key, Duration hold, String attemptKey, Duration keep) {
        String found = redis.execute(BEGIN_ATTEMPT, List.of(keys.idempotency(key), keys.idempotency(attemptKey)),
                Long.toString(positiveMillis(hold)), Long.toString(positiveMillis(keep)));
        return Attempt.valueOf(Objects.requireNonNull(found, "the begin script answered nothing"));
    }

    /** SET … PX refuses 0 or less, as {@link #begin} (through the template) does. */
    private static long positiveMillis(Duration ttl) {
        if (ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("an expiry must be positive: " + ttl);
        }
        return ttl.toMillis();
    }

    @Override
    public void abandon(String key) {
        redis.delete(keys.idempotency(key));
    }

    @Override
    public void holdAfterFailure(String key, Duration wait) {
        redis.execute(HOLD_AFTER_FAILURE, List.of(keys.idempotency(key)), Long.toString(positiveMillis(wait)));
    }

    @Override
    public int failed(String key, Duration keep) {
        Long count = redis.execute(FAILED, List.of(keys.idempotency("failures:" + key)), Long.toString(keep.toMillis()));
        return count == null ? 1 : count.intValue();
    }
}
