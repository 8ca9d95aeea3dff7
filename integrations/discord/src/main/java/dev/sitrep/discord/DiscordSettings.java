package dev.sitrep.discord;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where sitrep lives in one Discord server: the guild, the category incident channels go into,
 * the broadcast channel, the optional commander role and archive category (ids or names).
 */
public record DiscordSettings(
        String guildId,
        String category,
        String broadcastChannel,
        @Nullable String commanderRole,
        @Nullable String archiveCategory,
        List<String> roles) {
}
