package dev.sitrep.commands.incident;

import java.time.Instant;
import java.util.Objects;

/** One line of an incident's timeline. The timeline is append-only: it is also the audit log. */
public record TimelineEntry(Instant at, Member actor, Kind kind, String text) {

    public enum Kind {
        DECLARED, ROLE, SEVERITY, STATUS, UPDATE, NOTE, PIN, ACTION, SNOOZE,
        REMINDER, ESCALATION, RESOLVED, REOPENED, POSTMORTEM, PARTICIPANT, SERVICE, TASK, PAGED, ALERT
    }

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Status changes read "from → to". */
    public static TimelineEntry statusChange(Instant at, Member actor, Status from, Status to) {
        return new TimelineEntry(at, actor, Kind.STATUS, from.word() + " → " + to.word());
    }
}
