package dev.sitrep.bot.engine;

import dev.sitrep.bot.WorkerPools;
import dev.sitrep.commands.engine.RhythmKeeper;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the due timers about once a second on every replica. Stops before Redis does (lifecycle
 * phase), so a shutdown never leaves a half-handled claim behind for longer than its lease.
 */
final class RhythmLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RhythmLoop.class);

    private final RhythmKeeper keeper;
    private final Duration interval;
    private ScheduledExecutorService executor;

    RhythmLoop(RhythmKeeper keeper, Duration interval) {
        this.keeper = keeper;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = WorkerPools.loop("rhythm", interval, this::tick);
    }

    private void tick() {
        try {
            keeper.tick();
        } catch (RuntimeException e) {
            LOG.warn("Reminder tick failed, will retry: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            WorkerPools.stop(executor, Duration.ofSeconds(10));
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
