package dev.sitrep.bot;

import dev.sitrep.commands.inbound.InboundPipeline;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.List;

/**
 * One platform's way in, wired alike for every platform: its {@link InboundPipeline} over its own
 * {@link KeyChecks} threads (closed with the bean) and the platform's {@link DrainingExecutor}, which
 * stays a bean of its own so that acknowledged work drains before Redis stops.
 */
public final class PlatformInbound implements AutoCloseable {

    private final KeyChecks keyChecks;
    private final InboundPipeline pipeline;

    public PlatformInbound(String platform, int keyCheckThreads, IdempotencyKeys once, List<EngineObserver> observers,
                           DrainingExecutor work) {
        this(platform, keyCheckThreads, once, observers, work, InboundPipeline.TAKE_WITHIN);
    }

    public PlatformInbound(String platform, int keyCheckThreads, IdempotencyKeys once, List<EngineObserver> observers,
                           DrainingExecutor work, Duration takeWithin) {
        this.keyChecks = new KeyChecks(platform, keyCheckThreads);
        this.pipeline = new InboundPipeline(once, EngineObserver.all(observers), keyChecks, work, takeWithin);
    }

    public InboundPipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        keyChecks.close();
    }
}
