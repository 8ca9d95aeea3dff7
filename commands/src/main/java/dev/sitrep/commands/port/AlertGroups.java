package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.IncidentId;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which incident an alert group belongs to, shared by every replica: the claim is atomic, so the
 * same group arriving at several replicas at once (an HA pair of Alertmanagers, repeats) is tied to
 * one incident. A group stays tied for {@code window} after its last notification.
 */
public interface AlertGroups {

    /**
     * The group's incident: the one it is tied to already, else {@code proposed}, else a new number
     * from the incident sequence ({@link IncidentStore#nextId}); ties it and restarts its window.
     * Concurrent callers for the same group all get the same incident.
     */
    Claim claim(String group, Duration window, @Nullable IncidentId proposed);

    /** The incident the group is tied to, if any, restarting its window. */
    Optional<IncidentId> find(String group, Duration window);

    /** The group's incident, and whether this call tied it (the first notification). */
    record Claim(IncidentId incident, boolean first) {
    }
}
