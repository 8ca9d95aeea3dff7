package dev.sitrep.discord;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.port.PlatformFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.jspecify.annotations.Nullable;

/**
 * The configured server's roles, members and channels, found by id or by name: from JDA's cache
 * on the replica holding the gateway, and (the broadcast channel only) by REST on the others.
 */
final class GuildDirectory {

    private final Supplier<@Nullable JDA> jda;
    private final DiscordRest rest;
    private final DiscordSettings settings;
    private final java.util.Map<String, String> channelIds = new java.util.concurrent.ConcurrentHashMap<>();

    GuildDirectory(Supplier<@Nullable JDA> jda, DiscordRest rest, DiscordSettings settings) {
        this.jda = jda;
        this.rest = rest;
        this.settings = settings;
    }

    /** JDA on the replica holding the gateway; anything that needs its cache can only happen there. */
    JDA jda() {
        JDA client = jda.get();
        if (client == null) {
            throw new PlatformFailure("this sitrep replica does not hold the Discord gateway connection right now; "
                    + "the one that does will handle Discord commands", null);
        }
        return client;
    }

    /** The configured server, or the only one sitrep is in when none is configured. */
    Guild guild() {
        return DiscordPermissions.server(jda(), settings.guildId()).orElseThrow(this::notInServer);
    }

    private PlatformFailure notInServer() {
        return new PlatformFailure("sitrep is not in the Discord server " + settings.guildId()
                + " (sitrep.discord.guild-id); invite it with the URL in the README", null);
    }

    /**
     * The channel from JDA's cache, or null without the gateway or when the cache does not have it
     * (yet): the caller then goes through REST, and Discord itself says if the channel is gone.
     */
    @Nullable TextChannel cached(String channelId) {
        JDA client = jda.get();
        return client == null ? null : client.getTextChannelById(channelId);
    }

    TextChannel text(ChannelRef channel) {
        TextChannel text = jda().getTextChannelById(channel.id());
        if (text == null) {
            throw new PlatformFailure("The Discord channel #" + channel.name() + " no longer exists", null);
        }
        return text;
    }

    /** The category by id or name; null when none is configured. */
    @Nullable Category category(@Nullable String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        Guild guild = guild();
        Category category = byIdOrName(idOrName, guild::getCategoryById, n -> guild.getCategoriesByName(n, true));
        if (category == null) {
            throw new PlatformFailure("The Discord category '" + idOrName + "' does not exist", null);
        }
        return category;
    }

    /** The role sitrep gives the commander; null when none is configured or it does not exist. */
    @Nullable Role commanderRole() {
        String idOrName = settings.commanderRole();
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        Guild guild = guild();
        return byIdOrName(idOrName, guild::getRoleById, n -> guild.getRolesByName(n, true));
    }

    /** A member of the server by id; empty for anything that is not a member's snowflake. */
    Optional<Member> member(String id) {
        if (!DiscordDialect.isSnowflake(id)) {
            return Optional.empty();
        }
        try {
            var member = guild().retrieveMemberById(id).complete();
            return Optional.of(new Member(DiscordChatPlatform.NAME, member.getId(), member.getEffectiveName()));
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER || e.getErrorResponse() == ErrorResponse.UNKNOWN_USER) {
                return Optional.empty();
            }
            throw new PlatformFailure("Discord could not look up that member: " + e.getMeaning(), e);
        }
    }

    /** The broadcast channel's id, found once (from JDA's cache, or by REST on a replica without the gateway). */
    String broadcast() {
        return textChannelId(settings.broadcastChannel(), "sitrep.discord.broadcast-channel");
    }

    /**
     * A text channel's id by id or name (the broadcast channel, a service's), found once per name: from
     * JDA's cache, or by REST on a replica without the gateway.
     */
    String textChannelId(String idOrName, String configuredAt) {
        String id = channelIds.get(idOrName);
        if (id != null) {
            return id;
        }
        Optional<String> found;
        if (jda.get() == null) {
            String guildId = settings.guildId() != null && !settings.guildId().isBlank() ? settings.guildId()
                    : rest.onlyGuild().orElseThrow(this::notInServer);
            found = rest.textChannel(guildId, idOrName);
        } else {
            Guild guild = guild();
            found = Optional.ofNullable(byIdOrName(idOrName, guild::getTextChannelById,
                    n -> guild.getTextChannelsByName(n, true))).map(TextChannel::getId);
        }
        id = found.orElseThrow(() -> new PlatformFailure("Discord channel '" + idOrName + "' does not exist ("
                + configuredAt + ")", null));
        channelIds.put(idOrName, id);
        return id;
    }

    /** The channel may have been replaced since it was looked up: look it up again next time. */
    void forget(String idOrName) {
        channelIds.remove(idOrName);
    }

    void forgetBroadcast() {
        forget(settings.broadcastChannel());
    }

    private static <T> @Nullable T byIdOrName(String idOrName, Function<String, T> byId, Function<String, List<T>> byName) {
        T found = DiscordDialect.isSnowflake(idOrName) ? byId.apply(idOrName) : null;
        if (found != null) {
            return found;
        }
        List<T> named = byName.apply(idOrName.startsWith("#") ? idOrName.substring(1) : idOrName);
        return named.isEmpty() ? null : named.get(0);
    }
}
