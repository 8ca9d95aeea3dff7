package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.StoreUnavailable;
import org.jspecify.annotations.Nullable;

/**
 * What the drain right after one command's commit did with that command's own post (the message
 * in the channel it was typed in). Posted: the answer links it. Not posted: the caller is told that
 * the command is recorded and its post is late, because a commit the store then loses in a
 * failover (with its outbox) would otherwise vanish without a word to anybody.
 */
final class CommandPosts implements Outbox.Posted {

    private final Invocation invocation;
    private @Nullable RuntimeException failure;

    CommandPosts(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public void posted(Effect.Post effect, PostedMessage message) {
        if (inTypedChannel(effect) && invocation.answer() != null) {
            invocation.answer().posted(message);
        }
    }

    @Override
    public void failed(@Nullable Effect effect, RuntimeException e) {
        if (effect == null || effect instanceof Effect.Post post && inTypedChannel(post)) {
            failure = e;
        }
    }

    /** The private notice when the command's own post failed after its commit; null when it did not. */
    Messages.@Nullable CommandAccepted lateNotice(Incident incident) {
        if (failure == null) {
            return null;
        }
        String why = failure instanceof StoreUnavailable ? "its store (Redis) is not answering" : failure.getMessage();
        return new Messages.CommandAccepted("Your command is recorded on " + incident.id().label() + ", but sitrep"
                + " could not post it in this channel yet (" + why + "). It tries again every few seconds; if it has"
                + " not appeared within a minute, run the command again.", incident);
    }

    private boolean inTypedChannel(Effect.Post effect) {
        return effect.channel().platform().equals(invocation.platform())
                && effect.channel().id().equals(invocation.channel().id());
    }
}
