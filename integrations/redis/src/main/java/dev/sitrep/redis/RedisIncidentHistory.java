package dev.sitrep.redis;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.commands.port.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Recent incidents read back from the id sequence: ids are handed out by one INCR and never
 * reused, so the newest incidents are the highest numbers and no extra index has to be kept in step.
 */
public final class RedisIncidentHistory implements IncidentHistory {

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final IncidentStore store;

    public RedisIncidentHistory(StringRedisTemplate redis, RedisKeys keys, IncidentStore store) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<Incident> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        String last = redis.opsForValue().get(keys.sequence());
        List<Incident> recent = new ArrayList<>();
        // An id taken by a start whose create then failed has no incident: skipped, not counted.
        for (long n = last == null ? 0 : Long.parseLong(last); n >= 1 && recent.size() < limit; n--) {
            store.find(new IncidentId(n)).ifPresent(recent::add);
        }
        return recent;
    }
}
