package dev.sitrep.redis;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * Incidents as JSON in a hash beside their version. A change is one Lua script ({@link #COMMIT}):
 * it checks the version, writes the incident, keeps the open-incident index and channel lookups in
 * step, appends the timeline entries, arms or cancels the timer and puts the effects in the
 * incident's outbox — all of it or, on a version conflict, none of it.
 */
public final class RedisIncidentStore implements IncidentStore {

    /**
     * KEYS: incident, open index, timeline, timers, outbox, outbox index, channel lookups…
     * ARGV: expected version ('' = create), new version, json, number, open (1/0), timer (leave,
     * arm, cancel), timer due (ms), entry count, entries…, effect count, (key, order + json)…
     */
    private static final String COMMIT_LUA = """
            if ARGV[1] == '' then
              if redis.call('EXISTS', KEYS[1]) == 1 then return CONFLICT end
            elseif redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then
              return CONFLICT
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            if ARGV[5] == '1' then
              redis.call('ZADD', KEYS[2], ARGV[4], ARGV[4])
            else
              redis.call('ZREM', KEYS[2], ARGV[4])
            end
            for i = 7, #KEYS do
              redis.call('SET', KEYS[i], ARGV[4])
            end
            if ARGV[6] == 'arm' then
              redis.call('ZADD', KEYS[4], ARGV[7], ARGV[4])
            elseif ARGV[6] == 'cancel' then
              redis.call('ZREM', KEYS[4], ARGV[4])
            end
            local at = 9
            for i = 1, tonumber(ARGV[8]) do
              redis.call('RPUSH', KEYS[3], ARGV[at])
              at = at + 1
            end
            local effects = tonumber(ARGV[at])
            at = at + 1
            for i = 1, effects do
              redis.call('HSET', KEYS[5], ARGV[at], ARGV[at + 1])
              at = at + 2
            end
            if effects > 0 then
              redis.call('SADD', KEYS[6], ARGV[4])
            end
            return STORED
            """;

    private static final RedisScript<Long> COMMIT = RedisScript.of(
            COMMIT_LUA.replace("CONFLICT", "0").replace("STORED", "1"), Long.class);

    /**
     * {@link #COMMIT}, answering {@code {1, the outbox's values…}} once stored ({@code {0}} on a
     * conflict): the committer drains what it reads here without asking again.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COMMIT_AND_PENDING = RedisScript.of(COMMIT_LUA.replace("CONFLICT", "{0}")
            .replace("return STORED", "local answer = redis.call('HVALS', KEYS[5])\n"
                    + "table.insert(answer, 1, 1)\nreturn answer"), List.class);

    /** The index lists an incident while its outbox holds anything. */
    private static final RedisScript<Long> EFFECT_DONE = RedisScript.of("""
            redis.call('HDEL', KEYS[1], ARGV[1])
            if redis.call('HLEN', KEYS[1]) == 0 then
              redis.call('SREM', KEYS[2], ARGV[2])
            end
            return 1
            """, Long.class);

    /**
     * {@link #completeEffect}: the effect's idempotency key marked done (as {@code
     * RedisIdempotencyKeys.complete} does), then the effect out of the outbox. KEYS: idempotency
     * key, outbox, outbox index; ARGV: effect key, keep (ms), incident number.
     */
    private static final RedisScript<Long> COMPLETE_EFFECT = RedisScript.of("""
            redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
            redis.call('HDEL', KEYS[2], ARGV[1])
            if redis.call('HLEN', KEYS[2]) == 0 then
              redis.call('SREM', KEYS[3], ARGV[3])
            end
            return 1
            """, Long.class);

    /**
     * {@link #open}: each number in the open index (KEYS[1]), oldest first, as its incident's version
     * and json (nil, nil for a number whose incident is gone) — one round trip where a {@code find}
     * per number made one each. ARGV[1] is {@link RedisKeys#incidentPrefix}: the incidents' keys are
     * known only once the index is read, so they cannot be passed as KEYS. Redis allows that on one
     * server and under Sentinel, which is what sitrep runs on (the commit script already spans keys of
     * different cluster slots).
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> OPEN = RedisScript.of("""
            local answer = {}
            for _, number in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local fields = redis.call('HMGET', ARGV[1] .. number, 'version', 'json')
              answer[#answer + 1] = fields[1]
              answer[#answer + 1] = fields[2]
            end
            return answer
            """, List.class);

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
    public Optional<Incident> commit(Change change) {
        Incident stored = change.after().withVersion(change.nextVersion());
        Long result = redis.execute(COMMIT, keysOf(stored), argsOf(change, stored).toArray());
        return result != null && result == 1L ? Optional.of(stored) : Optional.empty();
    }

    /** The commit script's KEYS: incident, open index, timeline, timers, outbox, outbox index, channel lookups. */
    private List<String> keysOf(Incident stored) {
        IncidentId id = stored.id();
        List<String> scriptKeys = new ArrayList<>(List.of(keys.incident(id), keys.openIncidents(), keys.timeline(id),
                keys.timers(), keys.outbox(id), keys.outboxIndex()));
        stored.channels().values().forEach(c -> scriptKeys.add(keys.channel(c)));
        return scriptKeys;
    }

    /** The commit script's ARGV (see {@link #COMMIT_LUA}). */
    private List<String> argsOf(Change change, Incident stored) {
        IncidentId id = stored.id();
        List<String> args = new ArrayList<>(List.of(
                change.before() == null ? "" : Long.toString(change.before().version()),
                Long.toString(stored.version()), json.write(stored), Long.toString(id.number()),
                stored.isOpen() ? "1" : "0", change.timer().kind().name().toLowerCase(java.util.Locale.ROOT),
                change.timer().at() == null ? "" : Long.toString(change.timer().at().toEpochMilli()),
                Integer.toString(change.entries().size())));
        change.entries().forEach(e -> args.add(json.write(e)));
        args.add(Integer.toString(change.effects().size()));
        for (int i = 0; i < change.effects().size(); i++) {
            Effect effect = change.effects().get(i);
            args.add(Objects.requireNonNull(effect.key(), "an effect is committed under its key"));
            // The order prefix keeps the outbox in commit order: a hash has none of its own.
            args.add("%012d:%03d %s".formatted(stored.version(), i, json.writeTyped(effect, Effect.class)));
        }
        return args;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Committed> commitAndPending(Change change) {
        Incident stored = change.after().withVersion(change.nextVersion());
        List<Object> result = redis.execute(COMMIT_AND_PENDING, keysOf(stored), argsOf(change, stored).toArray());
        if (result == null || result.isEmpty() || !"1".equals(result.get(0).toString())) {
            return Optional.empty();
        }
        return Optional.of(new Committed(stored, effects(result.subList(1, result.size()))));
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        List<Object> fields = redis.opsForHash().multiGet(keys.incident(id), List.of("version", "json"));
        return incident(fields.get(0), fields.get(1));
    }

    /** A stored incident from its hash's {@code version} and {@code json}; empty if either is missing. */
    private Optional<Incident> incident(Object version, Object stored) {
        if (version == null || stored == null) {
            return Optional.empty();
        }
        return Optional.of(parse(stored.toString()).withVersion(Long.parseLong(version.toString())));
    }

    /**
     * Straight to the record: going through a tree first, for the few incidents written before members
     * carried their platform, cost every read a second pass. Such an incident fails here (a member
     * needs its platform), and only then is it read as a tree and its members given their channel's
     * platform ({@link LegacyMembers}); a failure that is not about them stays what it is.
     */
    private Incident parse(String stored) {
        try {
            return json.read(stored, Incident.class);
        } catch (DatabindException notAsWrittenNow) {
            JsonNode tree = json.tree(stored);
            if (!LegacyMembers.present(tree)) {
                throw notAsWrittenNow;
            }
            LegacyMembers.upgrade(tree, LegacyMembers.platformOf(tree));
            return json.read(tree, Incident.class);
        }
    }

    @Override
    public Optional<Incident> findByChannel(ChannelRef channel) {
        String number = redis.opsForValue().get(keys.channel(channel));
        return number == null ? Optional.empty() : find(new IncidentId(Long.parseLong(number)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Incident> open() {
        List<Object> fields = redis.execute(OPEN, List.of(keys.openIncidents()), keys.incidentPrefix());
        List<Incident> open = new ArrayList<>();
        if (fields != null) {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                incident(fields.get(i), fields.get(i + 1)).filter(Incident::isOpen).ifPresent(open::add);
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
        try {
            return entries.stream().map(e -> json.read(e, TimelineEntry.class)).toList();
        } catch (DatabindException notAsWrittenNow) {
            return legacyTimeline(id, entries, notAsWrittenNow);
        }
    }

    /** {@link #timeline} where an entry failed to read: as trees, members without a platform given one. */
    private List<TimelineEntry> legacyTimeline(IncidentId id, List<String> entries, DatabindException failure) {
        List<JsonNode> trees = entries.stream().map(json::tree).toList();
        if (trees.stream().anyMatch(LegacyMembers::present)) {
            Object incident = redis.opsForHash().get(keys.incident(id), "json");
            String platform = incident == null ? LegacyMembers.UNKNOWN_PLATFORM
                    : LegacyMembers.platformOf(json.tree((String) incident));
            trees.forEach(t -> LegacyMembers.upgrade(t, platform));
        } else {
            throw failure;
        }
        return trees.stream().map(t -> json.read(t, TimelineEntry.class)).toList();
    }

    @Override
    public List<Effect> pendingEffects(IncidentId id) {
        Map<Object, Object> outbox = redis.opsForHash().entries(keys.outbox(id));
        return effects(outbox.values());
    }

    /** An outbox's values in commit order (each starts with its order, see {@link #commit}), as effects. */
    private List<Effect> effects(java.util.Collection<Object> values) {
        return values.stream().map(Object::toString).sorted(Comparator.naturalOrder())
                .map(v -> json.readTyped(v.substring(v.indexOf(' ') + 1), Effect.class)).toList();
    }

    @Override
    public List<IncidentId> withPendingEffects() {
        Set<String> numbers = redis.opsForSet().members(keys.outboxIndex());
        return numbers == null ? List.of()
                : numbers.stream().map(n -> new IncidentId(Long.parseLong(n))).sorted(Comparator.comparingLong(IncidentId::number)).toList();
    }

    @Override
    public void effectDone(IncidentId id, String key) {
        redis.execute(EFFECT_DONE, List.of(keys.outbox(id), keys.outboxIndex()), key, Long.toString(id.number()));
    }

    /** The idempotency keys live in this Redis under the same prefix ({@link RedisIdempotencyKeys}). */
    @Override
    public boolean completeEffect(IncidentId id, String key, Duration keep) {
        if (keep.toMillis() <= 0) {
            throw new IllegalArgumentException("an expiry must be positive: " + keep);
        }
        redis.execute(COMPLETE_EFFECT, List.of(keys.idempotency(key), keys.outbox(id), keys.outboxIndex()), key,
                Long.toString(keep.toMillis()), Long.toString(id.number()));
        return true;
    }
}
