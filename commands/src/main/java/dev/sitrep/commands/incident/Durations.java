package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The headline durations of an incident, from its own timestamps: the same transitions that write
 * the timeline entries set them in the same commit ({@link Incident#movedTo}, {@link Incident#withUpdate}),
 * so they always agree with the timeline, and nothing is parsed back out of an entry's text. They count
 * from {@link Incident#startedAt}: the first alert's {@code startsAt} when an alert came before the declaration.
 */
public record Durations(
        @Nullable Duration timeToAcknowledge,
        @Nullable Duration timeToMitigate,
        @Nullable Duration timeToResolve) {

    public static Durations of(Incident incident) {
        Instant start = incident.startedAt();
        return new Durations(between(start, incident.acknowledgedAt()), between(start, incident.mitigatedAt()),
                between(start, incident.resolvedAt()));
    }

    private static @Nullable Duration between(Instant start, @Nullable Instant end) {
        return end == null ? null : Duration.between(start, end);
    }
}
