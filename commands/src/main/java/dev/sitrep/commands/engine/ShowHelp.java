package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.message.Messages;
import java.util.List;

/** {@code help}: every verb with its usage, or one verb. */
final class ShowHelp implements CommandHandler<Command.Help> {

    private final HandlerSupport support;

    ShowHelp(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.Help command, Invocation invocation) {
        List<Verb> verbs = command.topic() == null ? List.of(Verb.values()) : List.of(command.topic());
        support.reply(invocation, new Messages.HelpText(command.topic(), verbs));
    }
}
