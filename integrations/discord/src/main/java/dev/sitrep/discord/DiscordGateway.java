package dev.sitrep.discord;

import dev.sitrep.commands.port.Lease;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds Discord's gateway connection on exactly one replica. Discord delivers every interaction to
 * each connected session, so two replicas on the gateway would both answer; none would leave the
 * bot deaf. The replica holding the {@link Lease} connects and renews every third of the lease
 * ({@link #check}, which the application runs every {@link #checkEvery}); when it dies the lease
 * expires and another replica connects (within lease + one renewal). A replica that cannot renew
 * in time drops its connection before its lease can have passed to another.
 */
public final class DiscordGateway {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordGateway.class);

    private final Lease lease;
    private final Duration ttl;
    private final Supplier<JDA> connect;
    private volatile @Nullable JDA jda;
    private volatile long heldUntilNanos;

    /** @param connect builds a JDA client with sitrep's listeners; called each time this replica takes the lease */
    public DiscordGateway(Lease lease, Duration ttl, Supplier<JDA> connect) {
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

    /** How often {@link #check} must run: a third of the lease, so two renewals can fail before it runs out. */
    public Duration checkEvery() {
        return Duration.ofMillis(Math.max(100, ttl.toMillis() / 3));
    }

    /** One turn of the lease: take it or renew it, connect when newly held, disconnect when no longer sure. */
    public void check() {
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

    /**
     * A clean stop, once {@link #check} no longer runs: the session closes and the lease is given
     * up, so the gateway passes over at once instead of after the lease runs out.
     */
    public void close() {
        JDA client = jda;
        jda = null;
        if (client == null) {
            return;
        }
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
