package dev.sitrep.bot.discord;

import dev.sitrep.discord.DiscordPermissions;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At connect, says what sitrep may not do in its server and the invite link that grants it all,
 * before a user finds out halfway through {@code /incident start}. The link holds only the public
 * application id.
 */
final class PermissionCheck extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PermissionCheck.class);

    private final @Nullable String guildId;

    PermissionCheck(@Nullable String guildId) {
        this.guildId = guildId;
    }

    @Override
    public void onReady(ReadyEvent event) {
        JDA jda = event.getJDA();
        String invite = DiscordPermissions.inviteUrl(jda.getSelfUser().getApplicationId());
        var guild = DiscordPermissions.server(jda, guildId);
        if (guild.isEmpty()) {
            LOG.warn("sitrep is not in the Discord server {}; invite it with {}", guildId == null ? "(any)" : guildId,
                    invite);
            return;
        }
        Set<Permission> missing = DiscordPermissions.missing(guild.get().getSelfMember());
        if (missing.isEmpty()) {
            LOG.info("sitrep has every Discord permission it needs in {}", guild.get().getName());
        } else {
            LOG.warn("sitrep lacks the Discord permissions {} in {}; grant them to its role in Server Settings → Roles, "
                    + "or invite it again with {}", DiscordPermissions.names(missing), guild.get().getName(), invite);
        }
    }
}
