package dev.sitrep.commands.port;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.util.List;

/**
 * What the engine reports for metrics and logs: commands, reminders and their lateness,
 * resolutions, and which incident the current thread is working on.
 */
public interface EngineObserver {

    EngineObserver NONE = new EngineObserver() {
    };

    /** Every observer in turn, in order. */
    static EngineObserver all(List<EngineObserver> observers) {
        List<EngineObserver> copy = List.copyOf(observers);
        return new EngineObserver() {
            @Override
            public void commandHandled(Verb verb, String platform, String outcome) {
                copy.forEach(o -> o.commandHandled(verb, platform, outcome));
            }

            @Override
            public void reminderPosted(boolean escalation, Duration lateness) {
                copy.forEach(o -> o.reminderPosted(escalation, lateness));
            }

            @Override
            public void incidentResolved(Severity severity, Durations durations) {
                copy.forEach(o -> o.incidentResolved(severity, durations));
            }

            @Override
            public void workingOn(IncidentId id) {
                copy.forEach(o -> o.workingOn(id));
            }

            @Override
            public void incidentDone() {
                copy.forEach(EngineObserver::incidentDone);
            }

            @Override
            public void deliveryTaken(String platform, String outcome) {
                copy.forEach(o -> o.deliveryTaken(platform, outcome));
            }

            @Override
            public void handlingDelivery(String platform, String verb, String deliveryId) {
                copy.forEach(o -> o.handlingDelivery(platform, verb, deliveryId));
            }

            @Override
            public void deliveryDone() {
                copy.forEach(EngineObserver::deliveryDone);
            }

            @Override
            public void triageDecided(String platform, String decision, String outcome) {
                copy.forEach(o -> o.triageDecided(platform, decision, outcome));
            }

            @Override
            public void effectFailed(String platform, String effect, boolean givenUp) {
                copy.forEach(o -> o.effectFailed(platform, effect, givenUp));
            }
        };
    }

    /**
     * From here until {@link #incidentDone()} this thread works on that incident: what is logged
     * meanwhile carries its id.
     */
    default void workingOn(IncidentId id) {
    }

    default void incidentDone() {
    }

    /**
     * A delivery from a platform tried to take its idempotency key. outcome: taken, duplicate (a
     * retry or replay), unavailable (the store did not answer in time), dropped (taken, but the work
     * could not start), unacknowledged (the platform refused its acknowledgement: a replay).
     */
    default void deliveryTaken(String platform, String outcome) {
    }

    /**
     * From here until {@link #deliveryDone()} this thread works on that delivery: what is logged
     * meanwhile says which platform, verb and delivery it is about.
     */
    default void handlingDelivery(String platform, String verb, String deliveryId) {
    }

    default void deliveryDone() {
    }

    /** outcome: ok, rejected, failed. */
    default void commandHandled(Verb verb, String platform, String outcome) {
    }

    /**
     * A click on an alert group posted for triage (not a command: /incident start is counted as a
     * command). decision: declare, dismiss. outcome: ok, rejected, failed.
     */
    default void triageDecided(String platform, String decision, String outcome) {
    }

    /** lateness: how long after it was due the reminder was actually posted. */
    default void reminderPosted(boolean escalation, Duration lateness) {
    }

    default void incidentResolved(Severity severity, Durations durations) {
    }

    /**
     * A committed effect failed on {@code platform} (a chat platform's name, or pager). effect: its
     * kind (post, announce, topic, invite, invite_group, commander, resolved, page, resolve_page).
     * givenUp: it used up its attempts and left the outbox, never to be carried out.
     */
    default void effectFailed(String platform, String effect, boolean givenUp) {
    }
}
