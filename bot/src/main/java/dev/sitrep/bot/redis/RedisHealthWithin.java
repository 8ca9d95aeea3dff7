package dev.sitrep.bot.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Redis's health (part of readiness) answered within {@code within}: a Redis that does not answer
 * is down now, not after the command timeout. Probes that come while a check still waits on Redis
 * share that check instead of piling up more.
 */
final class RedisHealthWithin implements HealthIndicator, AutoCloseable {

    private final HealthIndicator redis;
    private final Duration within;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sitrep-redis-health");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<CompletableFuture<Health>> inFlight = new AtomicReference<>();

    RedisHealthWithin(HealthIndicator redis, Duration within) {
        this.redis = redis;
        this.within = within;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check = inFlight.updateAndGet(current -> current != null && !current.isDone()
                ? current : CompletableFuture.supplyAsync(redis::health, executor));
        try {
            return check.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "Redis did not answer within " + within.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", String.valueOf(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
