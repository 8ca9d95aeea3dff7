package dev.sitrep.commands.port;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;

/** What the engine reports for metrics: commands, reminders and their lateness, resolutions. */
public interface EngineObserver {

    EngineObserver NONE = new EngineObserver() {
    };

    /** outcome: ok, rejected, failed. */
    default void commandHandled(Verb verb, String platform, String outcome) {
    }

    /** lateness: how long after it was due the reminder was actually posted. */
    default void reminderPosted(boolean escalation, Duration lateness) {
    }

    default void incidentResolved(Severity severity, Durations durations) {
    }
}
