package dev.sitrep.commands.incident;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service an incident is about, as configured when it was set: kept on the incident so the
 * kick-off, the postmortem and the dashboard show what responders saw, even after a redeploy.
 * {@code ownerGroups} holds the owners group per platform (a Slack user group id, a Discord role
 * id), so a platform can mention the group in the kick-off; {@code broadcastChannel} is where the
 * service's stakeholders follow its incidents, as well as the platform's broadcast channel.
 */
public record ServiceOf(String name, String displayName, @Nullable String runbook, Map<String, String> ownerGroups,
                        @Nullable String broadcastChannel) {

    public ServiceOf {
        Objects.requireNonNull(name, "name");
        displayName = displayName == null || displayName.isBlank() ? name : displayName;
        // Incidents stored before owner groups existed have none.
        ownerGroups = ownerGroups == null ? Map.of() : Map.copyOf(ownerGroups);
    }

    /** The owners group on one platform, if the service has one there. */
    public @Nullable String ownerGroupOn(String platform) {
        return ownerGroups.get(platform);
    }
}
