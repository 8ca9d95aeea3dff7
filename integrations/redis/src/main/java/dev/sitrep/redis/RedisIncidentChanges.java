package dev.sitrep.redis;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentChanges;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Change notices over Redis pub/sub on {@code <prefix>changes}: every replica subscribes, so a
 * command handled on one replica reaches dashboards connected to any other. The message is the
 * incident number only. Pub/sub is fire-and-forget; a listener that missed a notice catches up on
 * the next one, since it always reads the incident again.
 */
public final class RedisIncidentChanges implements IncidentChanges {

    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer container;
    private final ChannelTopic topic;

    public RedisIncidentChanges(StringRedisTemplate redis, RedisMessageListenerContainer container, RedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.container = Objects.requireNonNull(container, "container");
        this.topic = new ChannelTopic(keys.prefix() + "changes");
    }

    @Override
    public void changed(IncidentId id) {
        redis.convertAndSend(topic.getTopic(), Long.toString(id.number()));
    }

    @Override
    public Subscription listen(Consumer<IncidentId> listener) {
        MessageListener forward = (message, pattern) -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            IncidentId.parse(body).ifPresent(listener);
        };
        container.addMessageListener(forward, topic);
        return () -> container.removeMessageListener(forward, topic);
    }
}
