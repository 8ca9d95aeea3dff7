package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs from a chat platform (console, Slack, Discord). Adapters render each
 * {@link Message} with their own templates and escaping; the engine never sees platform markup.
 */
public interface ChatPlatform {

    /** The platform's key in {@link ChannelRef#platform()}: console, slack, discord. */
    String name();

    /** Creates a channel; the name is already a valid slug of at most {@link #maxChannelNameLength()}. */
    ChannelRef openChannel(String name, boolean privateChannel);

    /**
     * {@link #openChannel(String, boolean)}, telling {@code whileWaiting} at once when the platform
     * makes the creation wait in line (Slack paces channel creation), so the declarer can be told.
     */
    default ChannelRef openChannel(String name, boolean privateChannel, Consumer<Waiting> whileWaiting) {
        return openChannel(name, privateChannel);
    }

    void invite(ChannelRef channel, Member member);

    /**
     * Invites a service's owners group (a Slack user group, a Discord role, by id) into the channel.
     * Only platforms that have groups are configured with one (checked at startup), so the others
     * refuse it.
     */
    default void inviteGroup(ChannelRef channel, String group) {
        throw new PlatformFailure(name() + " has no owner groups; list the owners by member id", null);
    }

    void setTopic(ChannelRef channel, Message topic);

    /** Posts a message and returns a reference to it (for pinning). */
    PostedMessage post(ChannelRef channel, Message message);

    /**
     * Posts a message tagged with an idempotency key, where the platform can carry one (Slack
     * message metadata), so that {@link #alreadyPosted} can later tell whether it went out.
     */
    default PostedMessage post(ChannelRef channel, Message message, String idempotencyKey) {
        return post(channel, message);
    }

    /**
     * Whether a message tagged with this key is already in the channel. Asked only when a replica
     * may have died between posting and recording it; platforms that cannot tell answer false.
     */
    default boolean alreadyPosted(ChannelRef channel, String idempotencyKey) {
        return false;
    }

    void pin(PostedMessage message);

    /** Posts to the broadcast channel that stakeholders follow. */
    void announce(Message message);

    /** {@link #announce} tagged with an idempotency key, like {@link #post(ChannelRef, Message, String)}. */
    default void announce(Message message, String idempotencyKey) {
        announce(message);
    }

    /** Whether the broadcast channel already has a message tagged with this key; false when unknown. */
    default boolean alreadyAnnounced(String idempotencyKey) {
        return false;
    }

    /**
     * {@link #announce(Message, String)} in another broadcast channel (a service's, by id or name).
     * A platform that cannot refuses, so the outbox tries again instead of losing it silently.
     */
    default void announceIn(String channel, Message message, String idempotencyKey) {
        throw new PlatformFailure(name() + " cannot announce in a service's broadcast channel (" + channel + ")", null);
    }

    /** {@link #alreadyAnnounced} for {@link #announceIn}. */
    default boolean alreadyAnnouncedIn(String channel, String idempotencyKey) {
        return false;
    }

    /** Answers the caller only (Slack ephemeral, Discord ephemeral, console line). */
    void replyPrivately(ChannelRef where, Member to, Message message);

    /** Resolves a typed mention to a member of this workspace, or empty when nobody matches. */
    Optional<Member> findMember(String mentionKey);

    /** Opens the structured update form; false when this platform has none (the console). */
    boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident);

    default int maxChannelNameLength() {
        return 80;
    }

    /**
     * Shares the postmortem skeleton in the channel as a Markdown file (Slack file, Discord
     * attachment, printed on the console). Returns a link or name to show people.
     */
    String attachPostmortem(ChannelRef channel, dev.sitrep.commands.message.Postmortem postmortem);

    /** Command changed hands in this channel (Discord moves a "commander" server role). */
    default void commanderChanged(ChannelRef channel, @Nullable Member previous, Member current) {
    }

    /** The incident of this channel was resolved (platforms may archive the channel or drop roles). */
    default void incidentResolved(ChannelRef channel, Incident incident) {
    }
}
