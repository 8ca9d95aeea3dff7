package dev.sitrep.bot;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that take a platform's deliveries in Redis (the inbound pipeline's take-once),
 * so no acknowledgement and no platform event thread waits on Redis. Small and with a short
 * queue: while Redis hangs, deliveries are refused at once (and the user told) rather than queued
 * behind calls that will time out.
 */
public final class KeyChecks implements Executor, AutoCloseable {

    private final ThreadPoolExecutor executor;

    public KeyChecks(String platform, int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 8), r -> {
                    Thread t = new Thread(r, "sitrep-" + platform + "-keys-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // Started now rather than on the first command, which has the platform's 3 s to spend.
        executor.prestartAllCoreThreads();
    }

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
