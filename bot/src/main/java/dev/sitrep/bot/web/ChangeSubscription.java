package dev.sitrep.bot.web;

import dev.sitrep.bot.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes to the change notices (Redis pub/sub) off the start path, and says in
 * {@code /actuator/health} ({@code redisChanges}) whether it is subscribed. Spring would start the
 * listener container on the start path, where it waits for Redis up to the subscription timeout and
 * then fails the whole start: a replica whose Redis is slow or away would not start at all, although
 * everything else waits for Redis by itself and readiness already says it is down. Not part of
 * readiness: without it only other replicas' live dashboard updates are late.
 */
final class ChangeSubscription implements SmartLifecycle, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeSubscription.class);

    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final RedisMessageListenerContainer container;
    private final ScheduledExecutorService retries = DaemonThreads.scheduler("redis-changes");
    private volatile boolean running;
    private volatile String failure;

    ChangeSubscription(RedisMessageListenerContainer container) {
        this.container = container;
    }

    @Override
    public void start() {
        running = true;
        retries.execute(this::subscribe);
    }

    /**
     * One attempt; after a failure the next comes {@link #RETRY_EVERY} later. The container does not
     * recover from a failed first subscription by itself: it is stopped and started again.
     */
    private void subscribe() {
        if (!running || container.isListening()) {
            return;
        }
        try {
            container.start();
            failure = null;
        } catch (RuntimeException e) {
            if (failure == null) {
                LOG.warn("Not subscribed to change notices yet (live dashboard updates from other replicas wait);"
                        + " trying again every {} s: {}", RETRY_EVERY.toSeconds(), e.getMessage());
            }
            failure = String.valueOf(e.getMessage());
            container.stop();
            if (running) {
                retries.schedule(this::subscribe, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** UP when subscribed; UNKNOWN while the first attempt runs (it does not lower the aggregate); DOWN after it failed. */
    @Override
    public Health health() {
        if (container.isListening()) {
            return Health.up().withDetail("listening", true).build();
        }
        String why = failure;
        return why == null ? Health.unknown().withDetail("listening", false).build()
                : Health.down().withDetail("listening", false).withDetail("error", why).build();
    }
}
