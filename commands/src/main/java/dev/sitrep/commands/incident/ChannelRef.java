package dev.sitrep.commands.incident;

import java.util.Objects;

/** A channel on one platform: the platform's own id plus the name people see. */
public record ChannelRef(String platform, String id, String name) {

    public ChannelRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
