package dev.sitrep.redis;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.AlertGroups;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Alert groups tied to incidents as {@code alert-group:<key>} → incident number, with the window as
 * its TTL. The claim is one script: it finds the tie or makes it, taking a new number from the same
 * {@code incident:seq} the store's {@code nextId} uses, so concurrent claims (any replica, an HA pair
 * of senders) all get one incident and no number is spent on a claim that lost.
 */
public final class RedisAlertGroups implements AlertGroups {

    /** Returns the incident number, negative when this call made the tie. */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            local tied = redis.call('GET', KEYS[1])
            if tied then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              return tonumber(tied)
            end
            local n = tonumber(ARGV[2])
            if n == nil then
              n = redis.call('INCR', KEYS[2])
            end
            redis.call('SET', KEYS[1], n, 'PX', ARGV[1])
            return -n
            """, Long.class);

    private static final RedisScript<Long> FIND = RedisScript.of("""
            local tied = redis.call('GET', KEYS[1])
            if tied then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              return tonumber(tied)
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    public RedisAlertGroups(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Claim claim(String group, Duration window, @Nullable IncidentId proposed) {
        Long n = redis.execute(CLAIM, List.of(keys.alertGroup(group), keys.sequence()),
                Long.toString(window.toMillis()), proposed == null ? "" : Long.toString(proposed.number()));
        long number = Objects.requireNonNull(n, "claim answered nothing");
        return new Claim(new IncidentId(Math.abs(number)), number < 0);
    }

    @Override
    public Optional<IncidentId> find(String group, Duration window) {
        Long n = redis.execute(FIND, List.of(keys.alertGroup(group)), Long.toString(window.toMillis()));
        return n == null || n == 0 ? Optional.empty() : Optional.of(new IncidentId(n));
    }
}
