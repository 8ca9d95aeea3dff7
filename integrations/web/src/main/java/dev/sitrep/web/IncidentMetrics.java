package dev.sitrep.web;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's figures from a set of incidents: incidents per week by severity, time to
 * acknowledge, mitigate and resolve per month and severity (p50 and p90, nearest rank), the share of
 * incidents whose update went overdue, and action items open and overdue. Pure: the incidents, the
 * time and the zone in, numbers out; which incidents go in (what the viewer may see) is the caller's rule.
 */
final class IncidentMetrics {

    /** The three durations charted, in the order they happen, each read from {@link Durations}. */
    enum Measure {
        ACKNOWLEDGE("time to acknowledge", Durations::timeToAcknowledge),
        MITIGATE("time to mitigate", Durations::timeToMitigate),
        RESOLVE("time to resolve", Durations::timeToResolve);

        final String label;
        final Function<Durations, @Nullable Duration> read;

        Measure(String label, Function<Durations, @Nullable Duration> read) {
            this.label = label;
            this.read = read;
        }
    }

    /** Incidents declared in the week starting {@code monday}, by severity. */
    record Week(LocalDate monday, Map<Severity, Integer> bySeverity) {
        int total() {
            return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** p50 and p90 of one measure over {@code count} incidents that have it; both null when none has. */
    record Spread(int count, @Nullable Duration p50, @Nullable Duration p90) {
    }

    /** One month and severity: each measure's spread, over the incidents declared that month. */
    record Cell(YearMonth month, Severity severity, int declared, Map<Measure, Spread> spreads) {
    }

    /** Incidents declared in a month, and how many of them had an update go overdue (a reminder sent). */
    record Overdue(YearMonth month, int declared, int overdue) {
        /** Percent, rounded; null for a month without incidents. */
        @Nullable Integer percent() {
            return declared == 0 ? null : (int) Math.round(100.0 * overdue / declared);
        }
    }

    record Actions(int open, int overdue, int done) {
    }

    record Figures(List<Week> weeks, List<YearMonth> months, List<Cell> cells, List<Overdue> overdue,
                   Actions actions) {
    }

    private IncidentMetrics() {
    }

    /** The figures of the last {@code weeks} weeks and {@code months} months up to {@code now}, in {@code zone}. */
    static Figures of(Collection<Incident> incidents, Instant now, ZoneId zone, int weeks, int months) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Week> weekly = new ArrayList<>();
        for (int i = weeks - 1; i >= 0; i--) {
            LocalDate monday = thisMonday.minusWeeks(i);
            Map<Severity, Integer> counts = zeros();
            incidents.stream().filter(inc -> weekOf(inc, zone).equals(monday))
                    .forEach(inc -> counts.merge(inc.severity(), 1, Integer::sum));
            weekly.add(new Week(monday, counts));
        }

        YearMonth thisMonth = YearMonth.from(today);
        List<YearMonth> monthList = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        List<Overdue> overdue = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            YearMonth month = thisMonth.minusMonths(i);
            monthList.add(month);
            List<Incident> declared = incidents.stream().filter(inc -> monthOf(inc, zone).equals(month)).toList();
            for (Severity severity : Severity.values()) {
                List<Incident> these = declared.stream().filter(inc -> inc.severity() == severity).toList();
                Map<Measure, Spread> spreads = new EnumMap<>(Measure.class);
                for (Measure measure : Measure.values()) {
                    spreads.put(measure, spread(these.stream().map(inc -> measure.read.apply(Durations.of(inc)))
                            .filter(d -> d != null).toList()));
                }
                cells.add(new Cell(month, severity, these.size(), spreads));
            }
            overdue.add(new Overdue(month, declared.size(),
                    (int) declared.stream().filter(inc -> inc.remindersSent() > 0).count()));
        }
        return new Figures(weekly, monthList, cells, overdue, actions(incidents, today));
    }

    static Spread spread(List<Duration> durations) {
        return new Spread(durations.size(), percentile(durations, 50), percentile(durations, 90));
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or
     * below it, so it is always one of the values (p50 of 1, 2, 3, 4 minutes is 2 minutes).
     */
    static @Nullable Duration percentile(List<Duration> durations, int p) {
        if (durations.isEmpty()) {
            return null;
        }
        Duration[] sorted = durations.toArray(Duration[]::new);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Open items, the open ones past their due day (in the zone: due today is not overdue), and done ones. */
    private static Actions actions(Collection<Incident> incidents, LocalDate today) {
        List<ActionItem> items = incidents.stream().flatMap(i -> i.actionItems().stream()).toList();
        int open = (int) items.stream().filter(a -> !a.done()).count();
        int late = (int) items.stream().filter(a -> !a.done() && a.due() != null && a.due().isBefore(today)).count();
        return new Actions(open, late, items.size() - open);
    }

    private static Map<Severity, Integer> zeros() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        return counts;
    }

    private static LocalDate weekOf(Incident incident, ZoneId zone) {
        return LocalDate.ofInstant(incident.declaredAt(), zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static YearMonth monthOf(Incident incident, ZoneId zone) {
        return YearMonth.from(LocalDate.ofInstant(incident.declaredAt(), zone));
    }
}
