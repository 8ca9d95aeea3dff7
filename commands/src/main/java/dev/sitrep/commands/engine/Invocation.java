package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import java.util.Objects;

/** Who typed a command, where: the channel it was typed in and the platform it came from. */
public record Invocation(ChannelRef channel, Member caller) {

    public Invocation {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(caller, "caller");
    }

    public String platform() {
        return channel.platform();
    }
}
