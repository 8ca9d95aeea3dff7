package dev.sitrep.redis;

import dev.sitrep.commands.incident.Member;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Members stored before they carried their platform ({@code {"id":…,"displayName":…}}). Everyone who
 * acts on an incident does so in its channel, so such a member belongs to the platform of the
 * incident's channel; sitrep's own entries stay sitrep's.
 */
final class LegacyMembers {

    /**
     * For an incident that never got a channel: no dialect links such a member and they match no one,
     * which is safer than guessing a platform from the shape of an id.
     */
    static final String UNKNOWN_PLATFORM = "unknown";

    private LegacyMembers() {
    }

    /** The platform of a stored incident's only channel, or {@link #UNKNOWN_PLATFORM}. */
    static String platformOf(JsonNode incident) {
        Collection<String> platforms = incident.path("channels").propertyNames();
        return platforms.size() == 1 ? platforms.iterator().next() : UNKNOWN_PLATFORM;
    }

    /** Whether any member below {@code node} lacks a platform. */
    static boolean present(JsonNode node) {
        if (isLegacyMember(node)) {
            return true;
        }
        return (node.isObject() || node.isArray()) && node.values().stream().anyMatch(LegacyMembers::present);
    }

    /** Gives every member below {@code node} that lacks a platform the one given. */
    static void upgrade(JsonNode node, String platform) {
        if (isLegacyMember(node)) {
            boolean sitrep = Member.SITREP.id().equals(node.path("id").asString())
                    && Member.SITREP.displayName().equals(node.path("displayName").asString());
            ((ObjectNode) node).put("platform", sitrep ? Member.SITREP.platform() : platform);
        } else if (node.isObject() || node.isArray()) {
            node.values().forEach(child -> upgrade(child, platform));
        }
    }

    private static boolean isLegacyMember(JsonNode node) {
        return node.isObject() && node.has("id") && node.has("displayName") && !node.has("platform");
    }
}
