package dev.sitrep.bot.bench;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.protocol.RedisCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Counts, on the client side, the round trips the replicas make to Redis: a command a thread sends
 * while none of its own is in flight starts a round trip; one sent behind it before the answer
 * (a pipeline) rides along. A script is one command here, whatever it runs inside Redis (that is
 * what {@link RedisInfo}'s commandstats count). Installed on each replica's Lettuce client before
 * it connects ({@link #installer()}), since Lettuce wraps a connection's writer with the listeners
 * at connect time.
 */
final class RedisRoundTrips implements CommandListener {

    private final LongAdder roundTrips = new LongAdder();
    private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();
    private final Map<Thread, List<RedisCommand<Object, Object, Object>>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean counting;

    /** Adds this listener to every Lettuce connection factory of the context it is registered in. */
    BeanPostProcessor installer() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    AbstractRedisClient client = factory.getRequiredNativeClient();
                    client.addListener(RedisRoundTrips.this);
                }
                return bean;
            }
        };
    }

    /** Counts from now on (what came before — startup, arming — is not the reminders'). */
    void start() {
        roundTrips.reset();
        commands.clear();
        counting = true;
    }

    void stop() {
        counting = false;
    }

    long roundTrips() {
        return roundTrips.sum();
    }

    long commands() {
        return commands.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Commands sent per command type divided by {@code per}, most sent first. */
    String perCommand(int per) {
        return commands.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum).reversed()))
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue().sum() / (double) per))
                .collect(Collectors.joining(", "));
    }

    /**
     * Only the sending thread touches its own list. A command counts as in flight until it is done
     * (its answer arrived), which a blocking caller has waited for before it sends the next one.
     */
    @Override
    public void commandStarted(CommandStartedEvent event) {
        List<RedisCommand<Object, Object, Object>> mine = inFlight.computeIfAbsent(Thread.currentThread(),
                t -> new ArrayList<>());
        mine.removeIf(RedisCommand::isDone);
        boolean alone = mine.isEmpty();
        mine.add(event.getCommand());
        if (counting) {
            commands.computeIfAbsent(event.getCommand().getType().toString(), k -> new LongAdder()).increment();
            if (alone) {
                roundTrips.increment();
            }
        }
    }
}
