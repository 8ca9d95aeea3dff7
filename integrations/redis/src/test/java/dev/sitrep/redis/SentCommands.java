package dev.sitrep.redis;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The commands a client sent, by type, as Lettuce starts them: for a blocking caller that sends one
 * at a time, each is a round trip. A script is one command here, whatever it runs inside Redis.
 */
final class SentCommands implements CommandListener {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        sent.add(event.getCommand().getType().toString());
    }

    void clear() {
        sent.clear();
    }

    List<String> types() {
        return List.copyOf(sent);
    }
}
