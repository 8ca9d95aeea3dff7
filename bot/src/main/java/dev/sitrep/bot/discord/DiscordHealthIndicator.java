package dev.sitrep.bot.discord;

import dev.sitrep.discord.DiscordGateway;
import dev.sitrep.discord.DiscordPermissions;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code /actuator/health/discord}: up when this replica is connected to the gateway, or stands by
 * while another replica holds it; down when nobody holds the gateway or our own session is not
 * connected, or when sitrep's role lacks a permission it needs (listed with the invite link that
 * grants them). Not part of readiness: a Discord outage must not take the Slack side out of service.
 */
final class DiscordHealthIndicator extends AbstractHealthIndicator {

    private final DiscordGateway gateway;
    private final @Nullable String guildId;

    DiscordHealthIndicator(DiscordGateway gateway, @Nullable String guildId) {
        super("Discord gateway check failed");
        this.gateway = gateway;
        this.guildId = guildId;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String holder = gateway.holder().orElse(null);
        builder.withDetail("replica", gateway.self()).withDetail("gatewayHolder", holder == null ? "nobody" : holder);
        if (gateway.holdsLease()) {
            JDA.Status status = gateway.status().orElse(JDA.Status.SHUTDOWN);
            builder.withDetail("gateway", "held here").withDetail("status", status.name());
            if (status == JDA.Status.CONNECTED) {
                permissions(builder);
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

    /** Connected, but down while sitrep's role lacks a permission it needs (JDA's cache follows role edits). */
    private void permissions(Health.Builder builder) {
        JDA jda = gateway.connected();
        var guild = jda == null ? java.util.Optional.<Guild>empty() : DiscordPermissions.server(jda, guildId);
        if (jda == null) {
            builder.up();
            return;
        }
        if (guild.isEmpty()) {
            builder.withDetail("server", "sitrep is not in it").withDetail("inviteUrl",
                    DiscordPermissions.inviteUrl(jda.getSelfUser().getApplicationId())).down();
            return;
        }
        Set<Permission> missing = DiscordPermissions.missing(guild.get().getSelfMember());
        builder.withDetail("missingPermissions", DiscordPermissions.names(missing));
        if (missing.isEmpty()) {
            builder.up();
        } else {
            builder.withDetail("inviteUrl", DiscordPermissions.inviteUrl(jda.getSelfUser().getApplicationId())).down();
        }
    }
}
