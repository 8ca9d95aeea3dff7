package dev.sitrep.bot.console;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.PrivateAnswer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one console line: private lines as usual, and a form when the engine opens one
 * (after its permission checks). The engine runs on the console's worker while the prompt waits;
 * the form is asked afterwards on the prompt's own thread ({@link ConsoleForm}), so a person
 * thinking about a field holds neither the worker nor the channel's order.
 */
final class ConsoleAnswer implements PrivateAnswer {

    /** A form the engine asked for: which verb's, for which incident. */
    record FormWanted(Verb verb, Incident incident) {
    }

    private final ConsoleChatPlatform platform;
    private final ChannelRef channel;
    private final Member caller;
    private volatile @Nullable FormWanted wanted;

    ConsoleAnswer(ConsoleChatPlatform platform, ChannelRef channel, Member caller) {
        this.platform = platform;
        this.channel = channel;
        this.caller = caller;
    }

    @Override
    public void send(Message message) {
        platform.replyPrivately(channel, caller, message);
    }

    @Override
    public boolean openUpdateForm(Incident incident) {
        wanted = new FormWanted(Verb.UPDATE, incident);
        return true;
    }

    @Override
    public boolean openResolveForm(Incident incident) {
        wanted = new FormWanted(Verb.RESOLVE, incident);
        return true;
    }

    Member caller() {
        return caller;
    }

    /** The form the engine opened while running the line, if it did. */
    Optional<FormWanted> formWanted() {
        return Optional.ofNullable(wanted);
    }
}
