package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;

/** Carries out one verb. Throws {@link Rejected} before changing anything when the command cannot be done. */
interface CommandHandler<C extends Command> {

    void handle(C command, Invocation invocation);
}
