package dev.sitrep.bot.discord;

import dev.sitrep.bot.DaemonThreads;
import dev.sitrep.redis.RedisLease;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Holds Discord's gateway connection on exactly one replica. Discord delivers every interaction to
 * each connected session, so two replicas on the gateway would both answer; none would leave the
 * bot deaf. The replica holding the Redis lease connects and renews every third of the lease; when
 * it dies the lease expires and another replica connects (within lease + one renewal). A replica
 * that cannot renew in time drops its connection before its lease can have passed to another.
 */
public final class DiscordGateway implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordGateway.class);

    private final RedisLease lease;
    private final Duration ttl;
    private final Supplier<JDA> connect;
    private volatile @Nullable JDA jda;
    private volatile long heldUntilNanos;
    private @Nullable ScheduledExecutorService executor;

    /** @param connect builds a JDA client with sitrep's listeners; called each time this replica takes the lease */
    public DiscordGateway(RedisLease lease, Duration ttl, Supplier<JDA> connect) {
        this.lease = lease;
        this.ttl = ttl;
        this.connect = connect;
    }

    /** JDA while this replica holds the gateway and is connected; null otherwise (use REST). */
    public @Nullable JDA connected() {
        JDA client = jda;
        return client != null && client.getStatus() == JDA.Status.CONNECTED ? client : null;
    }

    public boolean holdsLease() {
        return jda != null;
    }

    public Optional<JDA.Status> status() {
        return Optional.ofNullable(jda).map(JDA::getStatus);
    }

    public Optional<String> holder() {
        return lease.holder();
    }

    public String self() {
        return lease.self();
    }

    void renewOrTake() {
        long started = System.nanoTime();
        boolean held;
        try {
            held = lease.acquireOrRenew(ttl);
        } catch (RuntimeException redisDown) {
            // Unsure: keep the connection only while the lease we last renewed surely still stands.
            if (jda != null && System.nanoTime() - heldUntilNanos >= 0) {
                LOG.warn("Cannot renew the Discord gateway lease ({}); disconnecting before another replica takes it",
                        redisDown.toString());
                disconnect();
            }
            return;
        }
        if (!held) {
            if (jda != null) {
                LOG.warn("Lost the Discord gateway lease to {}; disconnecting", lease.holder().orElse("nobody"));
                disconnect();
            }
            return;
        }
        // Leave a third of the lease as margin for clock drift and a slow renewal.
        heldUntilNanos = started + ttl.toNanos() * 2 / 3;
        JDA current = jda;
        if (current != null && (current.getStatus() == JDA.Status.FAILED_TO_LOGIN
                || current.getStatus() == JDA.Status.SHUTDOWN)) {
            // Discord ended the session for good (a revoked token, say): let whichever replica comes next try.
            LOG.error("The Discord session ended ({}); giving the gateway lease up", current.getStatus());
            disconnect();
            lease.release();
            return;
        }
        if (jda == null) {
            LOG.info("Took the Discord gateway lease as {}; connecting", lease.self());
            try {
                jda = connect.get();
            } catch (RuntimeException e) {
                LOG.error("Could not connect to Discord: {}; giving the gateway lease up", e.toString());
                lease.release();
            }
        }
    }

    private void disconnect() {
        JDA client = jda;
        jda = null;
        if (client != null) {
            client.shutdownNow();
        }
    }

    @Override
    public synchronized void start() {
        executor = DaemonThreads.loop("discord-lease", Duration.ofMillis(Math.max(100, ttl.toMillis() / 3)), () -> {
            try {
                renewOrTake();
            } catch (RuntimeException e) {
                LOG.warn("Discord gateway lease check failed: {}", e.toString());
            }
        });
    }

    /** A clean stop hands the gateway over at once instead of after the lease runs out. */
    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        DaemonThreads.stop(executor, Duration.ofSeconds(5));
        executor = null;
        JDA client = jda;
        jda = null;
        if (client != null) {
            client.shutdown();
            try {
                if (!client.awaitShutdown(Duration.ofSeconds(5))) {
                    client.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.shutdownNow();
            }
            try {
                lease.release();
            } catch (RuntimeException e) {
                LOG.warn("Could not release the Discord gateway lease ({}); it expires by itself", e.toString());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
