package dev.sitrep.bot.discord;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code sitrep.discord.*}; the token comes from DISCORD_TOKEN and is never logged. */
@ConfigurationProperties("sitrep.discord")
public record DiscordProperties(
        @Nullable String token,
        @Nullable String guildId,
        @DefaultValue("Incidents") String category,
        @DefaultValue("incidents") String broadcastChannel,
        @Nullable String commanderRole,
        @Nullable String archiveCategory,
        @DefaultValue("https://discord.com/api/v10/") String apiUrl,
        @Nullable String gatewayUrl,
        @DefaultValue("64") int workers,
        @DefaultValue("15s") Duration gatewayLease) {

    public DiscordProperties {
        if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        if (guildId != null && !guildId.isBlank() && !guildId.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("sitrep.discord.guild-id must be a server id (digits), was '" + guildId + "'");
        }
        if (gatewayLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sitrep.discord.gateway-lease must be at least 1s, was " + gatewayLease);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("sitrep.discord.workers must be at least 1, was " + workers);
        }
    }

    @Override
    public String toString() {
        return "DiscordProperties[guildId=" + guildId + ", category=" + category + ", apiUrl=" + apiUrl + "]";
    }
}
