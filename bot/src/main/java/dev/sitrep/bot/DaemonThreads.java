package dev.sitrep.bot;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The daemon threads sitrep runs on: bounded pools for work after an acknowledgement, and background loops. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Bounded: under overload new requests are refused (and retried by the platform) instead of piling up. */
    public static ExecutorService bounded(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "sitrep-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One daemon thread running tasks in the order they were given, never refusing while running:
     * for hand-overs that take microseconds and must keep their order (a platform's intake).
     * Shutting it down runs what was already given.
     */
    public static ExecutorService inOrder(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sitrep-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** One daemon thread for a background loop; shutting it down drops the runs not yet started. */
    public static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sitrep-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Runs {@code task} once on a new daemon thread, so nothing waits for it (a start-up check). */
    public static Thread once(String name, Runnable task) {
        Thread t = new Thread(task, "sitrep-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A daemon thread running {@code task} every {@code every} after the last run ended, starting now. */
    public static ScheduledExecutorService loop(String name, Duration every, Runnable task) {
        ScheduledExecutorService executor = scheduler(name);
        executor.scheduleWithFixedDelay(task, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    /**
     * Takes no new work and lets what is running or queued finish, up to {@code grace}; interrupts
     * it after that. True when everything finished in time.
     */
    public static boolean stop(ExecutorService executor, Duration grace) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }
}
