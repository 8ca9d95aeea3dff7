package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.port.PrivateAnswer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who typed a command, where: the channel it was typed in and the platform it came from. An
 * adapter that owns the conversation (a deferred Discord interaction) passes its {@code answer};
 * without one, private answers go through {@link dev.sitrep.commands.port.ChatPlatform#replyPrivately}.
 */
public record Invocation(ChannelRef channel, Member caller, @Nullable PrivateAnswer answer) {

    public Invocation {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(caller, "caller");
    }

    public Invocation(ChannelRef channel, Member caller) {
        this(channel, caller, null);
    }

    public String platform() {
        return channel.platform();
    }
}
