package dev.sitrep.commands.message;

import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** Everything a postmortem skeleton is made of; rendered to Markdown by the "postmortem" template. */
public record Postmortem(Incident incident, List<TimelineEntry> timeline, Durations durations, Instant generatedAt)
        implements Message {

    public Postmortem {
        timeline = List.copyOf(timeline);
    }

    /** The latest impact any update stated, or null. */
    public @org.jspecify.annotations.Nullable String impact() {
        return incident.latestImpact().orElse(null);
    }

    /** {@code INC-42-checkout-errors.md}: the same name in every place the postmortem is filed. */
    public String fileName() {
        return dev.sitrep.commands.incident.Slug.fileName(incident.id(), incident.title(), 100) + ".md";
    }
}
