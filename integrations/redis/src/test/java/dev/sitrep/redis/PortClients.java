package dev.sitrep.redis;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The instances a port's contract suite asks a Redis adapter for: each new one on fresh keys over
 * client 0, and each further client of it on another connection (as another replica would be).
 */
final class PortClients<T> {

    private record Made<T>(RedisKeys keys, BiFunction<StringRedisTemplate, RedisKeys, T> make) {
    }

    private final Map<T, Made<T>> made = new IdentityHashMap<>();
    private int clients;

    T fresh(BiFunction<StringRedisTemplate, RedisKeys, T> make) {
        RedisKeys keys = TestRedis.freshKeys();
        T created = make.apply(TestRedis.client(0), keys);
        made.put(created, new Made<>(keys, make));
        return created;
    }

    T anotherClientOf(T instance) {
        Made<T> of = made.get(instance);
        return of.make().apply(TestRedis.client(1 + clients++ % 2), of.keys());
    }

    RedisKeys keysOf(T instance) {
        return made.get(instance).keys();
    }
}
