package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentChanges;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Change notices between two "replicas" (two connections, two listener containers) on a real redis-server. */
class RedisIncidentChangesTest {

    private final RedisKeys keys = TestRedis.freshKeys();

    @Test
    void aNoticePublishedByOneReplicaReachesTheListenersOfAnotherUntilTheyStop() throws Exception {
        RedisIncidentChanges publisher = replica();
        RedisIncidentChanges listener = replica();
        BlockingQueue<IncidentId> heard = new LinkedBlockingQueue<>();
        IncidentChanges.Subscription subscription = listener.listen(heard::add);

        publisher.changed(new IncidentId(7));
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new IncidentId(7));

        // Another prefix (another sitrep sharing the Redis) is not heard; junk on the channel is ignored.
        replicaWith(TestRedis.freshKeys()).changed(new IncidentId(8));
        TestRedis.connect().convertAndSend(keys.prefix() + "changes", "not a number");
        publisher.changed(new IncidentId(9));
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new IncidentId(9));

        subscription.close();
        publisher.changed(new IncidentId(10));
        RedisIncidentChanges witness = replica();
        BlockingQueue<IncidentId> witnessed = new LinkedBlockingQueue<>();
        witness.listen(witnessed::add);
        publisher.changed(new IncidentId(11));
        assertThat(witnessed.poll(10, TimeUnit.SECONDS)).isEqualTo(new IncidentId(11));
        assertThat(heard).isEmpty();
    }

    private RedisIncidentChanges replica() {
        return replicaWith(keys);
    }

    private static RedisIncidentChanges replicaWith(RedisKeys keys) {
        StringRedisTemplate redis = TestRedis.connect();
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis.getConnectionFactory());
        container.afterPropertiesSet();
        container.start();
        return new RedisIncidentChanges(redis, container, keys);
    }
}
