package dev.sitrep.redis;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.DueTimers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Due timers as one sorted set: member = incident number, score = due time in epoch millis.
 * Claiming moves a due member's score to now + lease in the same Lua script that found it, so two
 * replicas never claim the same timer, and a claim whose holder dies simply comes due again.
 */
public final class RedisDueTimers implements DueTimers {

    /**
     * Claims up to ARGV[3] timers due by ARGV[1] (re-scored to ARGV[2], the claim's lease) and answers
     * first the earliest score left after it ('' when none is armed), then member, score… of the claims.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIM_AND_NEXT = RedisScript.of("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
            for i = 1, #due, 2 do
              redis.call('ZADD', KEYS[1], ARGV[2], due[i])
            end
            local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            table.insert(due, 1, first[2] or '')
            return due
            """, List.class);

    /** Re-arms or removes only if the score is still our lease, so a concurrent re-arm or cancel wins. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
            if ARGV[3] == '' then
              redis.call('ZREM', KEYS[1], ARGV[1])
            else
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final Duration lease;

    public RedisDueTimers(StringRedisTemplate redis, RedisKeys keys, Duration lease) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public void arm(IncidentId id, Instant due) {
        redis.opsForZSet().add(keys.timers(), Long.toString(id.number()), due.toEpochMilli());
    }

    @Override
    public Optional<Instant> nextDue() {
        var first = redis.opsForZSet().rangeWithScores(keys.timers(), 0, 0);
        if (first == null || first.isEmpty()) {
            return Optional.empty();
        }
        Double score = first.iterator().next().getScore();
        return score == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(score.longValue()));
    }

    @Override
    public void cancel(IncidentId id) {
        redis.opsForZSet().remove(keys.timers(), Long.toString(id.number()));
    }

    @Override
    public List<ClaimedTimer> claimDue(Instant now, int limit) {
        return claimDueAndNext(now, limit).claimed();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Claims claimDueAndNext(Instant now, int limit) {
        long leaseScore = now.plus(lease).toEpochMilli();
        List<Object> flat = redis.execute(CLAIM_AND_NEXT, List.of(keys.timers()), Long.toString(now.toEpochMilli()),
                Long.toString(leaseScore), Integer.toString(limit));
        String next = flat == null || flat.isEmpty() ? "" : flat.get(0).toString();
        return new Claims(claims(flat, 1, leaseScore), next.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(next))));
    }

    /** Member, score, member, score… from {@code from} on. */
    private static List<ClaimedTimer> claims(@Nullable List<Object> flat, int from, long leaseScore) {
        List<ClaimedTimer> claims = new ArrayList<>();
        if (flat != null) {
            for (int i = from; i + 1 < flat.size(); i += 2) {
                long due = (long) Double.parseDouble(flat.get(i + 1).toString());
                claims.add(new ClaimedTimer(new IncidentId(Long.parseLong(flat.get(i).toString())),
                        Instant.ofEpochMilli(due), leaseScore));
            }
        }
        return claims;
    }

    @Override
    public void release(ClaimedTimer claim, @Nullable Instant next) {
        redis.execute(RELEASE, List.of(keys.timers()), Long.toString(claim.id().number()),
                Long.toString(claim.lease()), next == null ? "" : Long.toString(next.toEpochMilli()));
    }

    /** When the timer of an incident is due, if armed (for tests and health checks). */
    public @Nullable Instant dueOf(IncidentId id) {
        Double score = redis.opsForZSet().score(keys.timers(), Long.toString(id.number()));
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }

    public long armed() {
        Long size = redis.opsForZSet().zCard(keys.timers());
        return size == null ? 0 : size;
    }
}
