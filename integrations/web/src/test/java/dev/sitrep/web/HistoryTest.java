package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.incident.TimelineEntry.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The severity/status history comes from the timeline's own entries, each with how long it stood. */
class HistoryTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Member BOB = new Member("slack", "U0BOB", "bob");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    static final Incident OPEN = Incident.declare(new IncidentId(7), "Checkout", Severity.SEV2, false, BOB, T0,
            Duration.ofMinutes(30));
    static final List<TimelineEntry> TIMELINE = List.of(
            new TimelineEntry(T0, BOB, Kind.DECLARED, "Declared SEV2"),
            new TimelineEntry(T0.plusSeconds(60), BOB, Kind.NOTE, "looking"),
            new TimelineEntry(T0.plusSeconds(300), BOB, Kind.SEVERITY, "SEV2 → SEV1"),
            TimelineEntry.statusChange(T0.plusSeconds(900), BOB, Status.INVESTIGATING, Status.IDENTIFIED),
            new TimelineEntry(T0.plusSeconds(1000), BOB, Kind.UPDATE, "confirmed: 502s"));

    @Test
    void eachSeverityAndStatusStepStandsUntilTheNextAndTheLastUntilNow() {
        List<IncidentView.Step> steps = History.of(OPEN, TIMELINE, T0.plusSeconds(3600), TIME);

        assertThat(steps).extracting(IncidentView.Step::text)
                .containsExactly("Declared SEV2", "SEV2 → SEV1", "investigating → identified");
        assertThat(steps).extracting(IncidentView.Step::at).containsExactly("10:00", "10:05", "10:15");
        assertThat(steps).extracting(IncidentView.Step::lasted).containsExactly("5m", "10m", "45m so far");
        assertThat(steps).extracting(IncidentView.Step::actor).containsOnly("bob");
    }

    @Test
    void aResolvedIncidentsLastStepHasNoRunningClock() {
        Incident resolved = OPEN.resolved("rolled back", T0.plusSeconds(1200));
        List<TimelineEntry> timeline = new java.util.ArrayList<>(TIMELINE);
        timeline.add(new TimelineEntry(T0.plusSeconds(1200), BOB, Kind.RESOLVED, "Resolved: rolled back"));

        List<IncidentView.Step> steps = History.of(resolved, timeline, T0.plusSeconds(7200), TIME);

        assertThat(steps).extracting(IncidentView.Step::lasted).containsExactly("5m", "10m", "5m", "");
        assertThat(steps.get(3).kind()).isEqualTo("resolved");
    }
}
