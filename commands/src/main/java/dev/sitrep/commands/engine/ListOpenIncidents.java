package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.message.Messages;

/** {@code list}: the open incidents and their channels, privately. */
final class ListOpenIncidents implements CommandHandler<Command.ListOpen> {

    private final HandlerSupport support;

    ListOpenIncidents(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.ListOpen command, Invocation invocation) {
        support.reply(invocation, new Messages.OpenIncidents(support.ports().store().open()));
    }
}
