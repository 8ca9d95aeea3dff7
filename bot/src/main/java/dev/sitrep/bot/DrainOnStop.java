package dev.sitrep.bot;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown (a rolling deploy's SIGTERM) lets the commands already acknowledged finish before
 * Redis goes: Slack and Discord were told "working on it" and will not send them again. Declare
 * the bean with the Redis connection factory as a parameter: Spring then stops it first.
 */
public final class DrainOnStop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DrainOnStop.class);

    private final String name;
    private final ExecutorService pool;
    private final Duration grace;
    private volatile boolean running;

    public DrainOnStop(String name, ExecutorService pool, Duration grace) {
        this.name = name;
        this.pool = pool;
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} work still running after {}; stopping anyway", name, grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
