package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The headline durations of an incident, computed from its timeline (not from the incident's own
 * timestamps) so that they can always be explained by pointing at timeline entries.
 */
public record Durations(
        @Nullable Duration timeToAcknowledge,
        @Nullable Duration timeToMitigate,
        @Nullable Duration timeToResolve) {

    public static Durations from(List<TimelineEntry> timeline) {
        Optional<Instant> declared = timeline.stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.DECLARED).map(TimelineEntry::at).findFirst();
        if (declared.isEmpty()) {
            return new Durations(null, null, null);
        }
        Instant start = declared.get();
        Instant acknowledged = first(timeline, e -> e.actor().isPerson()
                && (e.kind() == TimelineEntry.Kind.UPDATE || e.kind() == TimelineEntry.Kind.STATUS
                || e.kind() == TimelineEntry.Kind.RESOLVED));
        Instant mitigated = first(timeline, e -> e.kind() == TimelineEntry.Kind.RESOLVED
                || e.isStatusChangeTo(Status.MONITORING));
        Instant resolved = null;
        for (TimelineEntry e : timeline) {
            if (e.kind() == TimelineEntry.Kind.RESOLVED) {
                resolved = e.at();
            } else if (e.kind() == TimelineEntry.Kind.REOPENED) {
                resolved = null;
            }
        }
        return new Durations(between(start, acknowledged), between(start, mitigated), between(start, resolved));
    }

    private static @Nullable Instant first(List<TimelineEntry> timeline,
                                           java.util.function.Predicate<TimelineEntry> test) {
        return timeline.stream().filter(test).map(TimelineEntry::at).findFirst().orElse(null);
    }

    private static @Nullable Duration between(Instant start, @Nullable Instant end) {
        return end == null ? null : Duration.between(start, end);
    }
}
