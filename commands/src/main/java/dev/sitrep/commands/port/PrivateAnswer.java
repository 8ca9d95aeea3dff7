package dev.sitrep.commands.port;

import dev.sitrep.commands.message.Message;

/**
 * The private answer to one command, held by the adapter that accepted it (a deferred Discord
 * interaction): the engine answers through it instead of asking the platform whom to answer.
 */
@FunctionalInterface
public interface PrivateAnswer {

    void send(Message message);
}
