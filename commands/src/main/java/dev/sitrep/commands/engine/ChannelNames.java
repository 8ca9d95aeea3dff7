package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Slug;

/** Channel names like {@code inc-42-checkout-errors}: lowercase, only a-z 0-9 and '-'. */
final class ChannelNames {

    private ChannelNames() {
    }

    static String of(String prefix, IncidentId id, String title, int maxLength) {
        String base = prefix + "-" + id.number();
        String slug = slug(title);
        if (slug.isEmpty()) {
            // Titles in non-Latin scripts have no ASCII slug; the id alone is still a usable, unique name.
            return base;
        }
        String name = base + "-" + slug;
        if (name.length() <= maxLength) {
            return name;
        }
        String cut = name.substring(0, maxLength);
        return cut.endsWith("-") ? cut.substring(0, cut.length() - 1) : cut;
    }

    static String slug(String title) {
        return Slug.of(title);
    }
}
