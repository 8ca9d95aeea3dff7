package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Known incidents in, known figures out. */
class IncidentMetricsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Wednesday 2026-12-02 12:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");
    static final Member ANA = new Member("console", "ana", "ana");

    @Test
    void percentilesAreNearestRankSoTheyAreAlwaysOneOfTheValues() {
        List<Duration> minutes = List.of(4, 1, 3, 2).stream().map(Duration::ofMinutes).toList();
        assertThat(IncidentMetrics.percentile(minutes, 50)).isEqualTo(Duration.ofMinutes(2));
        assertThat(IncidentMetrics.percentile(minutes, 90)).isEqualTo(Duration.ofMinutes(4));
        List<Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMinutes).toList();
        assertThat(IncidentMetrics.percentile(ten, 50)).isEqualTo(Duration.ofMinutes(5));
        assertThat(IncidentMetrics.percentile(ten, 90)).isEqualTo(Duration.ofMinutes(9));
        assertThat(IncidentMetrics.percentile(List.of(Duration.ofSeconds(7)), 90)).isEqualTo(Duration.ofSeconds(7));
        assertThat(IncidentMetrics.percentile(List.of(), 50)).isNull();
    }

    @Test
    void incidentsAreCountedInTheWeekTheyWereDeclaredInTheConfiguredZone() {
        List<Incident> incidents = List.of(
                incident(1, Severity.SEV1, "2026-11-30T08:00:00Z", null, null, null, 0),   // Monday this week
                incident(2, Severity.SEV2, "2026-12-02T10:00:00Z", null, null, null, 0),   // today
                incident(3, Severity.SEV2, "2026-12-01T09:00:00Z", null, null, null, 0),
                // Sunday 23:30 UTC is already Monday in Berlin: this week, not the last.
                incident(4, Severity.SEV3, "2026-11-29T23:30:00Z", null, null, null, 0),
                incident(5, Severity.SEV4, "2026-11-25T12:00:00Z", null, null, null, 0),   // last week
                incident(6, Severity.SEV1, "2026-06-01T12:00:00Z", null, null, null, 0));  // out of range

        IncidentMetrics.Figures figures = IncidentMetrics.of(incidents, NOW, ZONE, 3, 1);

        assertThat(figures.weeks()).extracting(IncidentMetrics.Week::monday).containsExactly(
                LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-30"));
        assertThat(figures.weeks().get(0).total()).isZero();
        assertThat(figures.weeks().get(1).bySeverity()).isEqualTo(
                Map.of(Severity.SEV1, 0, Severity.SEV2, 0, Severity.SEV3, 0, Severity.SEV4, 1));
        assertThat(figures.weeks().get(2).bySeverity()).isEqualTo(
                Map.of(Severity.SEV1, 1, Severity.SEV2, 2, Severity.SEV3, 1, Severity.SEV4, 0));
    }

    @Test
    void durationsArePerMonthOfDeclarationAndSeverityWithP50AndP90() {
        List<Incident> incidents = List.of(
                // November, sev1: acknowledged after 1, 2, 3, 10 minutes; two mitigated; one resolved.
                incident(1, Severity.SEV1, "2026-11-03T10:00:00Z", 1, 30, 120, 0),
                incident(2, Severity.SEV1, "2026-11-10T10:00:00Z", 2, 60, null, 2),
                incident(3, Severity.SEV1, "2026-11-17T10:00:00Z", 3, null, null, 0),
                incident(4, Severity.SEV1, "2026-11-24T10:00:00Z", 10, null, null, 1),
                // November, sev3: one, never acknowledged.
                incident(5, Severity.SEV3, "2026-11-20T10:00:00Z", null, null, null, 0),
                // December, sev1.
                incident(6, Severity.SEV1, "2026-12-01T10:00:00Z", 5, 7, 9, 0));

        IncidentMetrics.Figures figures = IncidentMetrics.of(incidents, NOW, ZONE, 1, 2);

        assertThat(figures.months()).containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12));
        IncidentMetrics.Cell novSev1 = cell(figures, YearMonth.of(2026, 11), Severity.SEV1);
        assertThat(novSev1.declared()).isEqualTo(4);
        assertThat(novSev1.spreads().get(IncidentMetrics.Measure.ACKNOWLEDGE)).isEqualTo(
                new IncidentMetrics.Spread(4, Duration.ofMinutes(2), Duration.ofMinutes(10)));
        assertThat(novSev1.spreads().get(IncidentMetrics.Measure.MITIGATE)).isEqualTo(
                new IncidentMetrics.Spread(2, Duration.ofMinutes(30), Duration.ofMinutes(60)));
        assertThat(novSev1.spreads().get(IncidentMetrics.Measure.RESOLVE)).isEqualTo(
                new IncidentMetrics.Spread(1, Duration.ofMinutes(120), Duration.ofMinutes(120)));
        IncidentMetrics.Cell novSev3 = cell(figures, YearMonth.of(2026, 11), Severity.SEV3);
        assertThat(novSev3.declared()).isEqualTo(1);
        assertThat(novSev3.spreads().get(IncidentMetrics.Measure.ACKNOWLEDGE))
                .isEqualTo(new IncidentMetrics.Spread(0, null, null));
        assertThat(cell(figures, YearMonth.of(2026, 12), Severity.SEV1).spreads().get(IncidentMetrics.Measure.RESOLVE))
                .isEqualTo(new IncidentMetrics.Spread(1, Duration.ofMinutes(9), Duration.ofMinutes(9)));
        assertThat(cell(figures, YearMonth.of(2026, 12), Severity.SEV2).declared()).isZero();

        // Two of November's five had an update go overdue; December's one did not.
        assertThat(figures.overdue()).containsExactly(new IncidentMetrics.Overdue(YearMonth.of(2026, 11), 5, 2),
                new IncidentMetrics.Overdue(YearMonth.of(2026, 12), 1, 0));
        assertThat(figures.overdue().get(0).percent()).isEqualTo(40);
    }

    @Test
    void actionItemsAreOpenOverdueOrDoneByTheDayInTheZone() {
        Incident incident = incident(1, Severity.SEV2, "2026-11-03T10:00:00Z", 1, 2, 3, 0)
                .withActionItem(item(1, "2026-12-01", false))   // yesterday: overdue
                .withActionItem(item(2, "2026-12-02", false))   // today: open, not overdue
                .withActionItem(item(3, null, false))
                .withActionItem(item(4, "2026-01-01", true));   // done long ago

        IncidentMetrics.Figures figures = IncidentMetrics.of(List.of(incident), NOW, ZONE, 1, 1);

        assertThat(figures.actions()).isEqualTo(new IncidentMetrics.Actions(3, 1, 1));
    }

    static IncidentMetrics.Cell cell(IncidentMetrics.Figures figures, YearMonth month, Severity severity) {
        return figures.cells().stream().filter(c -> c.month().equals(month) && c.severity() == severity)
                .findFirst().orElseThrow();
    }

    static ActionItem item(int number, @Nullable String due, boolean done) {
        return new ActionItem(number, "item " + number, ANA, due == null ? null : LocalDate.parse(due), done,
                Instant.parse("2026-11-03T12:00:00Z"), ANA);
    }

    /** An incident declared at {@code declared}, acknowledged, mitigated and resolved that many minutes later. */
    static Incident incident(int n, Severity severity, String declared, @Nullable Integer ack, @Nullable Integer mitigated,
                             @Nullable Integer resolved, int reminders) {
        Instant at = Instant.parse(declared);
        return new Incident(new IncidentId(n), "incident " + n, severity,
                resolved != null ? Status.RESOLVED : Status.INVESTIGATING, Map.of(Incident.COMMANDER, ANA), Map.of(),
                false, at, after(at, ack), after(at, mitigated), after(at, resolved), Duration.ofMinutes(30), null,
                reminders, List.of(), List.of(), null, Map.of(), false, null, null, List.of(), List.of(), 1, List.of());
    }

    private static @Nullable Instant after(Instant at, @Nullable Integer minutes) {
        return minutes == null ? null : at.plus(Duration.ofMinutes(minutes));
    }
}
