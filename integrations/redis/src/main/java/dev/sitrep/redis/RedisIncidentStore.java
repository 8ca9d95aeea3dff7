package dev.sitrep.redis;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.JsonNode;

/**
 * Incidents as JSON in a hash beside their version. Every write is one Lua script that checks the
 * version, writes, and keeps the open-incident index and channel lookups in step, atomically.
 */
public final class RedisIncidentStore implements IncidentStore {

    private static final String WRITE_BODY = """
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            if ARGV[5] == '1' then
              redis.call('ZADD', KEYS[2], ARGV[4], ARGV[4])
            else
              redis.call('ZREM', KEYS[2], ARGV[4])
            end
            for i = 3, #KEYS do
              redis.call('SET', KEYS[i], ARGV[4])
            end
            return 1
            """;
    private static final RedisScript<Long> CREATE = RedisScript.of(
            "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n" + WRITE_BODY, Long.class);
    private static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of(
            "if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end\n" + WRITE_BODY, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonCodec json = new JsonCodec();

    public RedisIncidentStore(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public IncidentId nextId() {
        Long next = redis.opsForValue().increment(keys.sequence());
        return new IncidentId(Objects.requireNonNull(next, "INCR returned nothing"));
    }

    @Override
    public Incident create(Incident incident) {
        Incident stored = incident.withVersion(1);
        if (!write(CREATE, "", stored)) {
            throw new IllegalStateException(incident.id() + " already exists");
        }
        return stored;
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        List<Object> fields = redis.opsForHash().multiGet(keys.incident(id), List.of("version", "json"));
        if (fields.get(0) == null || fields.get(1) == null) {
            return Optional.empty();
        }
        JsonNode tree = json.tree((String) fields.get(1));
        LegacyMembers.upgrade(tree, LegacyMembers.platformOf(tree));
        Incident incident = json.read(tree, Incident.class);
        return Optional.of(incident.withVersion(Long.parseLong((String) fields.get(0))));
    }

    @Override
    public Optional<Incident> findByChannel(ChannelRef channel) {
        String number = redis.opsForValue().get(keys.channel(channel));
        return number == null ? Optional.empty() : find(new IncidentId(Long.parseLong(number)));
    }

    @Override
    public Optional<Incident> replace(Incident expected, Incident updated) {
        if (!expected.id().equals(updated.id())) {
            throw new IllegalArgumentException("cannot replace " + expected.id() + " by " + updated.id());
        }
        Incident stored = updated.withVersion(expected.version() + 1);
        return write(COMPARE_AND_SET, Long.toString(expected.version()), stored) ? Optional.of(stored) : Optional.empty();
    }

    @Override
    public List<Incident> open() {
        Set<String> numbers = redis.opsForZSet().range(keys.openIncidents(), 0, -1);
        List<Incident> open = new ArrayList<>();
        if (numbers != null) {
            for (String n : numbers) {
                find(new IncidentId(Long.parseLong(n))).filter(Incident::isOpen).ifPresent(open::add);
            }
        }
        return open;
    }

    @Override
    public void append(IncidentId id, TimelineEntry entry) {
        redis.opsForList().rightPush(keys.timeline(id), json.write(entry));
    }

    @Override
    public List<TimelineEntry> timeline(IncidentId id) {
        List<String> entries = redis.opsForList().range(keys.timeline(id), 0, -1);
        if (entries == null) {
            return List.of();
        }
        List<JsonNode> trees = entries.stream().map(json::tree).toList();
        if (trees.stream().anyMatch(LegacyMembers::present)) {
            Object incident = redis.opsForHash().get(keys.incident(id), "json");
            String platform = incident == null ? LegacyMembers.UNKNOWN_PLATFORM
                    : LegacyMembers.platformOf(json.tree((String) incident));
            trees.forEach(t -> LegacyMembers.upgrade(t, platform));
        }
        return trees.stream().map(t -> json.read(t, TimelineEntry.class)).toList();
    }

    private boolean write(RedisScript<Long> script, String expectedVersion, Incident incident) {
        List<String> scriptKeys = new ArrayList<>();
        scriptKeys.add(keys.incident(incident.id()));
        scriptKeys.add(keys.openIncidents());
        incident.channels().values().forEach(c -> scriptKeys.add(keys.channel(c)));
        Long result = redis.execute(script, scriptKeys, expectedVersion, Long.toString(incident.version()),
                json.write(incident), Long.toString(incident.id().number()), incident.isOpen() ? "1" : "0");
        return result != null && result == 1L;
    }
}
