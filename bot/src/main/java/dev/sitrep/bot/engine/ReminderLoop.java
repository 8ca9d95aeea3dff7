package dev.sitrep.bot.engine;

import dev.sitrep.bot.DaemonThreads;
import dev.sitrep.commands.engine.ReminderKeeper;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks for due timers on every replica: right after a tick, again when the earliest timer comes
 * due, and at least every poll interval (another replica may arm an earlier one meanwhile). Stops
 * before Redis does (lifecycle order), so a shutdown never leaves a half-handled claim behind for
 * longer than its lease.
 */
final class ReminderLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderLoop.class);
    /** Never busier than this, even when timers are due back to back. */
    private static final long MIN_WAIT_MILLIS = 10;

    private final ReminderKeeper keeper;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;
    /** System.nanoTime() of the last tick that swept the outboxes; 0 before the first (which sweeps). */
    private long lastSweep;

    ReminderLoop(ReminderKeeper keeper, Duration interval) {
        this.keeper = keeper;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        lastSweep = 0;
        executor = DaemonThreads.scheduler("rhythm");
        executor.execute(this::tickThenWait);
    }

    private void tickThenWait() {
        Duration wait = interval;
        try {
            // The outboxes are swept (for what a dead replica left) at most once per interval, as an
            // idle replica always did; in between, a wake for a due timer only reminds: with thousands
            // armed it wakes every few milliseconds, and a sweep is several reads of Redis.
            long now = System.nanoTime();
            if (lastSweep == 0 || now - lastSweep >= interval.toNanos()) {
                lastSweep = now;
                keeper.sweep();
            }
            // Handed to the keeper's workers, not waited for: one incident's post waiting in a rate
            // limit's line must not keep the next due reminder, another incident's, from being claimed.
            keeper.handOutDue();
            wait = keeper.untilNextDueAsClaimed(interval);
        } catch (RuntimeException e) {
            LOG.warn("Reminder tick failed, will retry: {}", e.toString());
        }
        ScheduledExecutorService current = executor;
        if (current != null && !current.isShutdown()) {
            try {
                current.schedule(this::tickThenWait, Math.max(MIN_WAIT_MILLIS, wait.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stop() got in between: nothing more to schedule
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            DaemonThreads.stop(executor, Duration.ofSeconds(10));
            executor = null;
            try {
                // The claims handed out finish before Redis stops (this stops first), as they did when
                // the loop waited for them itself; one that does not is retried after its lease.
                if (!keeper.awaitHandedOut(Duration.ofSeconds(10))) {
                    LOG.warn("{} reminder claims were still being handled at shutdown; retried after their lease",
                            keeper.handedOutNotDone());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
