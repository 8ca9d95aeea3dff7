package dev.sitrep.bot.slack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that take Slack requests in Redis while Slack waits for the acknowledgement. Small
 * and with a short queue: while Redis hangs, requests are refused at once (and the user told)
 * rather than queued behind calls that will time out.
 */
final class SlackKeyChecks implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    SlackKeyChecks(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 8), r -> {
                    Thread t = new Thread(r, "sitrep-slack-keys-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // Started now rather than on the first command, which has Slack's 3 s to spend.
        executor.prestartAllCoreThreads();
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
