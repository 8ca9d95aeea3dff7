package dev.sitrep.web;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The severity/status history of an incident, read from its timeline (the audit log, so nothing is
 * kept twice): its declaration, each severity and status move, resolution and reopening, and how
 * long each stood.
 */
final class History {

    static final Set<TimelineEntry.Kind> STEPS = EnumSet.of(TimelineEntry.Kind.DECLARED, TimelineEntry.Kind.SEVERITY,
            TimelineEntry.Kind.STATUS, TimelineEntry.Kind.RESOLVED, TimelineEntry.Kind.REOPENED);

    private History() {
    }

    static List<IncidentView.Step> of(Incident incident, List<TimelineEntry> timeline, Instant now,
                                      DateTimeFormatter time) {
        List<TimelineEntry> steps = timeline.stream().filter(e -> STEPS.contains(e.kind())).toList();
        List<IncidentView.Step> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            TimelineEntry step = steps.get(i);
            boolean last = i == steps.size() - 1;
            // A resolved incident's last step stands still: it says when, not how long since.
            String lasted = last && !incident.isOpen() ? ""
                    : DurationText.format(Duration.between(step.at(), last ? now : steps.get(i + 1).at()))
                    + (last ? " so far" : "");
            out.add(new IncidentView.Step(time.format(step.at()), step.kind().name().toLowerCase(Locale.ROOT),
                    step.actor().displayName(), step.text(), lasted));
        }
        return out;
    }
}
