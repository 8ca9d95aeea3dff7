package dev.sitrep.discord;

import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.PrivateAnswer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer owed to one deferred interaction. A deferred reply (type 5) shows "sitrep is
 * thinking…" until a follow-up replaces it, and the token that allows one lasts 15 minutes
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages):
 * whatever the engine says goes out through {@link #send}, and {@link #finish} makes sure that
 * something did, whatever happened on the way. It also keeps what its command posted in the
 * channel, for the confirmation's jump link: this command's message, whatever else was posted there.
 */
final class InteractionAnswer implements PrivateAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionAnswer.class);
    private static final int MAX_CONTENT = DiscordMessage.MAX_CONTENT;

    private final InteractionHook hook;
    private final Function<Message, String> render;
    private volatile boolean answered;
    private final AtomicReference<String> postedHere = new AtomicReference<>();

    InteractionAnswer(InteractionHook hook, Function<Message, String> render) {
        this.hook = hook;
        this.render = render;
    }

    @Override
    public void send(Message message) {
        sendText(render.apply(message));
    }

    /** The first message the command posted in its channel (later ones, such as a postmortem after a resolve, follow it). */
    @Override
    public void posted(PostedMessage message) {
        postedHere.compareAndSet(null, message.id());
    }

    Optional<String> postedHere() {
        return Optional.ofNullable(postedHere.get());
    }

    /** {@link #finish} from a thread that must not block (JDA's event thread). */
    void finishWithoutWaiting(String notice) {
        answered = true;
        hook.sendMessage(DiscordMessage.limit(notice, MAX_CONTENT)).setEphemeral(true).setAllowedMentions(List.of())
                .queue(null, e -> LOG.warn("Could not answer Discord interaction {}: {}", hook.getInteraction().getId(),
                        e.toString()));
    }

    /** An ephemeral follow-up: only the caller sees it, and it pings nobody. */
    void sendText(String text) {
        JdaCalls.discord("answer privately", () -> hook.sendMessage(DiscordMessage.limit(text, MAX_CONTENT))
                .setEphemeral(true).setAllowedMentions(List.of()).complete());
        answered = true;
    }

    /**
     * A click's answer on the clicked message itself: the line saying what happened (or that the
     * incident is resolved) in place of its content, and no buttons left to click stale. The edit
     * pings nobody.
     */
    void showOnMessage(String text) {
        JdaCalls.discord("edit the clicked message", () -> hook.editOriginal(new MessageEditBuilder()
                .setContent(DiscordMessage.limit(text, MAX_CONTENT)).setComponents(List.of())
                .setAllowedMentions(List.of()).build()).complete());
        answered = true;
    }

    boolean answered() {
        return answered;
    }

    /**
     * The pipeline's last word: the confirmation when nothing was said yet; a plain notice when
     * the work failed before anything could be said. Never throws: it runs in a finally.
     */
    void finish(String confirmation) {
        if (answered) {
            return;
        }
        try {
            sendText(confirmation);
        } catch (RuntimeException e) {
            LOG.warn("Could not answer Discord interaction {}: {}", hook.getInteraction().getId(), e.getMessage());
        }
    }
}
