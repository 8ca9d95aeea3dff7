package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Slug;

/** Channel names like {@code inc-42-checkout-errors}: lowercase, only a-z 0-9 and '-'. */
final class ChannelNames {

    private ChannelNames() {
    }

    static String of(String prefix, IncidentId id, String title, int maxLength) {
        return Slug.name(prefix + "-" + id.number(), title, maxLength);
    }
}
