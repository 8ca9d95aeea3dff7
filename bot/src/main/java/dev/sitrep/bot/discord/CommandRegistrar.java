package dev.sitrep.bot.discord;

import dev.sitrep.discord.IncidentSlashCommand;
import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers /incident when the gateway is ready: on the configured server (instant) or globally. */
final class CommandRegistrar extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistrar.class);

    private final @Nullable String guildId;
    private final List<String> roles;

    CommandRegistrar(@Nullable String guildId, List<String> roles) {
        this.guildId = guildId;
        this.roles = roles;
    }

    @Override
    public void onReady(ReadyEvent event) {
        if (guildId == null || guildId.isBlank()) {
            event.getJDA().updateCommands().addCommands(IncidentSlashCommand.definitions(roles)).queue(
                    ok -> LOG.info("Registered /incident globally (may take up to an hour to appear)"),
                    failure -> LOG.warn("Could not register /incident: {}", failure.toString()));
            return;
        }
        Guild guild = event.getJDA().getGuildById(guildId);
        if (guild == null) {
            LOG.warn("sitrep is not in the Discord server {} (sitrep.discord.guild-id); invite it first", guildId);
            return;
        }
        guild.updateCommands().addCommands(IncidentSlashCommand.definitions(roles)).queue(
                ok -> LOG.info("Registered /incident on {}", guild.getName()),
                failure -> LOG.warn("Could not register /incident on {}: {}", guild.getName(), failure.toString()));
    }
}
