package dev.sitrep.slack;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.PrivateAnswer;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one Slack request, carried in its invocation: an ephemeral message to the caller,
 * or the update modal, which Slack opens only with the request's trigger id (valid for 3 seconds,
 * https://api.slack.com/interactivity/handling#modal_responses).
 */
final class SlackAnswer implements PrivateAnswer {

    private final SlackChatPlatform platform;
    private final ChannelRef channel;
    private final Member caller;
    private final @Nullable String triggerId;
    private final FormOrigin origin;
    private final @Nullable String responseUrl;

    SlackAnswer(SlackChatPlatform platform, ChannelRef channel, Member caller, @Nullable String triggerId,
                @Nullable String responseUrl) {
        this(platform, channel, caller, triggerId, FormOrigin.typed(channel.id()), responseUrl);
    }

    /**
     * {@code origin}: where a form opened by this answer came from (a clicked message), for its
     * submission; {@code responseUrl}: the request's, the last way to answer when the Web API refuses.
     */
    SlackAnswer(SlackChatPlatform platform, ChannelRef channel, Member caller, @Nullable String triggerId,
                FormOrigin origin, @Nullable String responseUrl) {
        this.platform = platform;
        this.channel = channel;
        this.caller = caller;
        this.triggerId = triggerId;
        this.origin = origin;
        this.responseUrl = responseUrl;
    }

    @Override
    public void send(Message message) {
        platform.replyPrivately(channel, caller, message, responseUrl);
    }

    @Override
    public boolean openUpdateForm(Incident incident) {
        if (triggerId == null) {
            return false;
        }
        platform.openUpdateModal(triggerId, origin, incident);
        return true;
    }

    @Override
    public boolean openResolveForm(Incident incident) {
        if (triggerId == null) {
            return false;
        }
        platform.openResolveModal(triggerId, origin, incident);
        return true;
    }
}
