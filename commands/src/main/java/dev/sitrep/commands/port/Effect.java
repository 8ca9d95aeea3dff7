package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * Something a committed change asks a chat platform to do. It is stored with the change (the
 * incident's outbox) and carried out after the commit, exactly once, under its idempotency
 * {@code key}: the key is null until the change is committed, unless the decision names its own.
 */
public sealed interface Effect {

    @Nullable String key();

    /** The platform that carries it out. */
    String platform();

    Effect withKey(String key);

    record Post(@Nullable String key, ChannelRef channel, Message message) implements Effect {
        public String platform() {
            return channel.platform();
        }

        public Post withKey(String newKey) {
            return new Post(newKey, channel, message);
        }
    }

    /**
     * To the broadcast channel of {@code platform}, or to {@code channel} (a service's broadcast
     * channel, by id or name) when one is given.
     */
    record Announce(@Nullable String key, String platform, Message message, @Nullable String channel) implements Effect {
        public Announce withKey(String newKey) {
            return new Announce(newKey, platform, message, channel);
        }
    }

    record SetTopic(@Nullable String key, ChannelRef channel, Message topic) implements Effect {
        public String platform() {
            return channel.platform();
        }

        public SetTopic withKey(String newKey) {
            return new SetTopic(newKey, channel, topic);
        }
    }

    record Invite(@Nullable String key, ChannelRef channel, Member member) implements Effect {
        public String platform() {
            return channel.platform();
        }

        public Invite withKey(String newKey) {
            return new Invite(newKey, channel, member);
        }
    }

    /**
     * Invite a service's owners group into the channel: the platform finds who is in it (a Slack
     * user group's members) or gives the group access (a Discord role).
     */
    record InviteGroup(@Nullable String key, ChannelRef channel, String group) implements Effect {
        public String platform() {
            return channel.platform();
        }

        public InviteGroup withKey(String newKey) {
            return new InviteGroup(newKey, channel, group);
        }
    }

    record CommanderChanged(@Nullable String key, ChannelRef channel, @Nullable Member previous, Member current)
            implements Effect {
        public String platform() {
            return channel.platform();
        }

        public CommanderChanged withKey(String newKey) {
            return new CommanderChanged(newKey, channel, previous, current);
        }
    }

    /**
     * Page a service's on-call. Its pager deduplicates by the request's key (derived from the
     * incident), so carrying it out again after a crash reaches the same alert.
     */
    record Page(@Nullable String key, PageRequest request) implements Effect {
        /** Not a chat platform's: the pager carries it out. */
        public static final String PAGER = "pager";

        public String platform() {
            return PAGER;
        }

        public Page withKey(String newKey) {
            return new Page(newKey, request);
        }
    }

    /** Close the service's page: the incident is resolved. */
    record ResolvePage(@Nullable String key, PageKey page) implements Effect {
        public String platform() {
            return Page.PAGER;
        }

        public ResolvePage withKey(String newKey) {
            return new ResolvePage(newKey, page);
        }
    }

    /** The incident of the channel was resolved (the platform may archive it or drop roles). */
    record Resolved(@Nullable String key, ChannelRef channel, Incident incident) implements Effect {
        public String platform() {
            return channel.platform();
        }

        public Resolved withKey(String newKey) {
            return new Resolved(newKey, channel, incident);
        }
    }
}
