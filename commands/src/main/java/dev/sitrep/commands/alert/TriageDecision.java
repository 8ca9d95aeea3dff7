package dev.sitrep.commands.alert;

import dev.sitrep.commands.incident.Member;
import java.time.Instant;
import java.util.Objects;

/** What a person decided about an alert group posted for triage, who and when; the first decision stands. */
public record TriageDecision(boolean declared, Member by, Instant at) {

    public TriageDecision {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
