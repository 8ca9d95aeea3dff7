package dev.sitrep.bot.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before anything drains: if Redis does not answer, its connections are closed at
 * once. Every piece of work still running (a reminder tick, an acknowledged command, a readiness
 * probe, the Discord lease release) needs Redis and would otherwise wait out the client's command
 * timeout, one after another, past Kubernetes' grace period; now each fails at once, and commands
 * still tell their caller to run them again. With Redis answering, nothing changes: work drains.
 */
@Component
class RedisOutageShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisOutageShutdown.class);
    /** A healthy Redis answers PING in milliseconds; this only has to tell "answers" from "gone". */
    static final Duration PROBE = Duration.ofSeconds(1);

    private final RedisConnectionFactory redis;

    RedisOutageShutdown(RedisConnectionFactory redis) {
        this.redis = redis;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (answers()) {
            return;
        }
        LOG.warn("Redis does not answer; closing its connections so that shutdown does not wait for work that "
                + "cannot finish");
        if (redis instanceof Lifecycle lifecycle) {
            lifecycle.stop();
        }
    }

    private boolean answers() {
        // On a common-pool thread: a PING to a Redis that is gone is queued until the client's own
        // timeout, and shutdown must not wait that long. Closing the connections releases the thread.
        CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> {
            try (RedisConnection connection = redis.getConnection()) {
                return connection.ping();
            }
        });
        try {
            return "PONG".equalsIgnoreCase(ping.get(PROBE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
