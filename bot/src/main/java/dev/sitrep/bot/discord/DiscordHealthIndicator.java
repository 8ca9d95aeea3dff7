package dev.sitrep.bot.discord;

import net.dv8tion.jda.api.JDA;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code /actuator/health/discord}: up when this replica is connected to the gateway, or stands by
 * while another replica holds it; down when nobody holds the gateway or our own session is not
 * connected. Not part of readiness: a Discord outage must not take the Slack side out of service.
 */
final class DiscordHealthIndicator extends AbstractHealthIndicator {

    private final DiscordGateway gateway;

    DiscordHealthIndicator(DiscordGateway gateway) {
        super("Discord gateway check failed");
        this.gateway = gateway;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String holder = gateway.holder().orElse(null);
        builder.withDetail("replica", gateway.self()).withDetail("gatewayHolder", holder == null ? "nobody" : holder);
        if (gateway.holdsLease()) {
            JDA.Status status = gateway.status().orElse(JDA.Status.SHUTDOWN);
            builder.withDetail("gateway", "held here").withDetail("status", status.name());
            if (status == JDA.Status.CONNECTED) {
                builder.up();
            } else if (status.isInit() || status == JDA.Status.RECONNECT_QUEUED || status == JDA.Status.ATTEMPTING_TO_RECONNECT
                    || status == JDA.Status.WAITING_TO_RECONNECT) {
                builder.unknown();
            } else {
                builder.down();
            }
        } else if (holder != null) {
            builder.withDetail("gateway", "standby").up();
        } else {
            builder.withDetail("gateway", "nobody holds it").down();
        }
    }
}
