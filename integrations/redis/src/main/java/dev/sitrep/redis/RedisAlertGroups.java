package dev.sitrep.redis;

import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.alert.TriagedGroup;
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
 * of senders) all get one incident and no number is spent on a claim that lost. A group posted for
 * triage is held in the hash {@code alert-triage:<n>} ({@code group}: its latest notification as JSON,
 * {@code decision}: the first person's decision, set once by HSETNX) with the window as its TTL.
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

    /** Replaces the held group, never the decision, and restarts the window. */
    private static final RedisScript<Long> HOLD = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'group', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    /** The decision that stands: this one if none was made, else the earlier; nothing when no group is held. */
    private static final RedisScript<String> DECIDE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              return false
            end
            redis.call('HSETNX', KEYS[1], 'decision', ARGV[1])
            return redis.call('HGET', KEYS[1], 'decision')
            """, String.class);

    private final JsonCodec json = new JsonCodec();
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

    @Override
    public void hold(IncidentId reserved, TriagedGroup triage, Duration window) {
        redis.execute(HOLD, List.of(keys.alertTriage(reserved)), json.write(triage), Long.toString(window.toMillis()));
    }

    @Override
    public Optional<Held> held(IncidentId reserved) {
        List<Object> fields = redis.opsForHash().multiGet(keys.alertTriage(reserved), List.of("group", "decision"));
        if (fields.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(new Held(json.read((String) fields.get(0), TriagedGroup.class),
                fields.get(1) == null ? null : json.read((String) fields.get(1), TriageDecision.class)));
    }

    @Override
    public Optional<TriageDecision> decide(IncidentId reserved, TriageDecision decision) {
        String standing = redis.execute(DECIDE, List.of(keys.alertTriage(reserved)), json.write(decision));
        return standing == null ? Optional.empty() : Optional.of(json.read(standing, TriageDecision.class));
    }
}
