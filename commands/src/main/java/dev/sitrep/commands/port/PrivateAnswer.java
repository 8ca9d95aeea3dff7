package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.message.Message;

/**
 * The answer to one command, carried in its {@code Invocation} by the adapter that accepted it
 * (no thread-bound state): the engine answers through it instead of asking the platform whom to
 * answer, and tells it what the command posted.
 */
@FunctionalInterface
public interface PrivateAnswer {

    /** Answers the caller only. */
    void send(Message message);

    /**
     * Opens the structured update form as the answer, where the platform can (Slack, with the
     * request's trigger id); false when this answer cannot carry a form.
     */
    default boolean openUpdateForm(Incident incident) {
        return false;
    }

    /**
     * Opens a form asking for the resolution summary (the Resolve button), where the platform can;
     * its submission runs {@code resolve <summary>}. False when this answer cannot carry a form.
     */
    default boolean openResolveForm(Incident incident) {
        return false;
    }

    /** The command posted this message in the channel it was typed in. */
    default void posted(PostedMessage message) {
    }
}
