package dev.sitrep.bot.discord;

import dev.sitrep.bot.DaemonThreads;
import dev.sitrep.discord.DiscordGateway;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link DiscordGateway}'s lease check on one of the bot's background loops while the application runs. */
final class GatewayLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLoop.class);

    private final DiscordGateway gateway;
    private @Nullable ScheduledExecutorService executor;

    GatewayLoop(DiscordGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public synchronized void start() {
        executor = DaemonThreads.loop("discord-lease", gateway.checkEvery(), () -> {
            try {
                gateway.check();
            } catch (RuntimeException e) {
                LOG.warn("Discord gateway lease check failed: {}", e.toString());
            }
        });
    }

    /** The loop stops first, so no check can reconnect after {@link DiscordGateway#close} hands the gateway over. */
    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        DaemonThreads.stop(executor, Duration.ofSeconds(5));
        executor = null;
        gateway.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
