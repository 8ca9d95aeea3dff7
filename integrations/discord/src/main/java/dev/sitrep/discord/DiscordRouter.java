package dev.sitrep.discord;

import dev.sitrep.http.Pacer;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

/**
 * Which way a post goes: through JDA when this replica holds the gateway and has the channel in
 * its cache (JDA waits out Discord's rate limits with the session's own buckets), else through
 * {@link DiscordRest}. Either way the same {@link DiscordMessage} becomes the same request.
 */
final class DiscordRouter {

    private final GuildDirectory directory;
    private final DiscordRest rest;

    DiscordRouter(GuildDirectory directory, DiscordRest rest) {
        this.directory = directory;
        this.rest = rest;
    }

    /** Posts in a channel and answers the message's id. */
    String send(String channelId, DiscordMessage message) {
        return send(channelId, message, Pacer.Lane.NORMAL);
    }

    /** {@code lane}: reminders go ahead in DiscordRest's lines (JDA keeps its own order per bucket). */
    String send(String channelId, DiscordMessage message, Pacer.Lane lane) {
        TextChannel cached = directory.cached(channelId);
        String id = cached == null ? rest.send(channelId, RestEncoder.encode(message), lane)
                : JdaCalls.discord("post a message", Permission.MESSAGE_SEND,
                        () -> JdaEncoder.send(cached, message).complete().getId());
        return id;
    }

    /** A direct message; only the replica holding the gateway can open the conversation. */
    void sendDirect(String userId, DiscordMessage message) {
        JdaCalls.discord("send a direct message", () -> directory.jda().openPrivateChannelById(userId)
                .flatMap(dm -> JdaEncoder.send(dm, message)).complete());
    }

    void setTopic(String channelId, String topic) {
        TextChannel cached = directory.cached(channelId);
        if (cached == null) {
            rest.setTopic(channelId, topic);
            return;
        }
        JdaCalls.discord("set the channel topic", Permission.MANAGE_CHANNEL,
                () -> cached.getManager().setTopic(topic).complete());
    }
}
