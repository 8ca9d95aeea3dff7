package dev.sitrep.bot;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A platform's bounded executor for the work after the acknowledgement, drained on shutdown (a
 * rolling deploy's SIGTERM): Slack and Discord were told "working on it" and will not send those
 * commands again, so they finish before Redis goes. Declare the bean with the Redis connection
 * factory as a parameter: Spring then stops this executor first.
 */
public final class DrainingExecutor implements Executor, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DrainingExecutor.class);

    private final String name;
    private final ExecutorService executor;
    private final Duration grace;
    private volatile boolean running;

    public DrainingExecutor(String name, int threads, Duration grace) {
        this(name, DaemonThreads.bounded(name, threads), grace);
    }

    /** Drains {@code executor} on stop: e.g. a platform's in-order intake ({@link DaemonThreads#inOrder}). */
    public DrainingExecutor(String name, ExecutorService executor, Duration grace) {
        this.name = name;
        this.executor = executor;
        this.grace = grace;
    }

    /** Refuses (RejectedExecutionException) when full or stopping: the platform retries, or the user is told. */
    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!DaemonThreads.stop(executor, grace)) {
            LOG.warn("{} work still running after {}; stopping anyway", name, grace);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
