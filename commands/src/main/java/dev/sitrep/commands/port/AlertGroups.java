package dev.sitrep.commands.port;

import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.alert.TriagedGroup;
import dev.sitrep.commands.incident.IncidentId;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which incident an alert group belongs to, shared by every replica: the claim is atomic, so the
 * same group arriving at several replicas at once (an HA pair of Alertmanagers, repeats) is tied to
 * one incident. A group stays tied for {@code window} after its last notification. A group posted for
 * triage is tied to a number reserved for it and held until a person decides, once for all replicas.
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

    /**
     * Keeps a group posted for triage under the incident number reserved for it (its claim), replacing
     * what an earlier notification left but never a decision, for {@code window} from now.
     */
    void hold(IncidentId reserved, TriagedGroup triage, Duration window);

    /** The group held for triage under {@code reserved}, with the decision about it if one was made. */
    Optional<Held> held(IncidentId reserved);

    /**
     * Records {@code decision} about the group held under {@code reserved} unless one was made already:
     * the decision that stands (this one, or the earlier), or empty when no group is held there (any more).
     * Concurrent callers, on any replica, all get the same one.
     */
    Optional<TriageDecision> decide(IncidentId reserved, TriageDecision decision);

    /** A group held for triage and the decision about it, null while nobody decided. */
    record Held(TriagedGroup triage, @Nullable TriageDecision decision) {
    }

    /** The group's incident, and whether this call tied it (the first notification). */
    record Claim(IncidentId incident, boolean first) {
    }
}
