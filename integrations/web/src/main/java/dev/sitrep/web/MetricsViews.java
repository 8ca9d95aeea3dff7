package dev.sitrep.web;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link IncidentMetrics.Figures} into the page: tables as text, and the chart data as JSON the
 * page's script reads from a {@code <script type="application/json">} block (the CSP allows no inline script).
 */
final class MetricsViews {

    /** How far back the page looks. */
    static final int WEEKS = 12;
    static final int MONTHS = 12;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ZoneId zone;

    MetricsViews(ZoneId zone) {
        this.zone = zone;
    }

    MetricsView view(IncidentMetrics.Figures figures, int counted) {
        List<String> severities = Arrays.stream(Severity.values()).map(Severity::label).toList();
        List<MetricsView.Week> weeks = figures.weeks().stream().map(w -> new MetricsView.Week(w.monday().toString(),
                Arrays.stream(Severity.values()).map(s -> w.bySeverity().get(s)).toList(), w.total())).toList();
        List<MetricsView.Durations> durations = figures.cells().stream().filter(c -> c.declared() > 0)
                .map(c -> new MetricsView.Durations(c.month().toString(), c.severity().label(), c.declared(),
                        Arrays.stream(IncidentMetrics.Measure.values()).flatMap(m -> {
                            IncidentMetrics.Spread s = c.spreads().get(m);
                            return java.util.stream.Stream.of(text(s.p50()), text(s.p90()));
                        }).toList()))
                .toList();
        List<MetricsView.Overdue> overdue = figures.overdue().stream().map(o -> new MetricsView.Overdue(
                o.month().toString(), o.declared(), o.overdue(), o.percent() == null ? "—" : o.percent() + " %")).toList();
        IncidentMetrics.Actions a = figures.actions();
        return new MetricsView(severities, weeks, durations, overdue, new MetricsView.Actions(a.open(), a.overdue(),
                a.done()), counted, chartData(figures));
    }

    /**
     * uPlot's shape: x values in epoch seconds and one array per series (null where there is no value),
     * durations in minutes. Written safe to sit inside a script element: no {@code <}, {@code >} or {@code &}.
     */
    private String chartData(IncidentMetrics.Figures figures) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> weekly = new LinkedHashMap<>();
        weekly.put("x", figures.weeks().stream().map(w -> w.monday().atStartOfDay(zone).toEpochSecond()).toList());
        weekly.put("series", Arrays.stream(Severity.values()).map(s -> series(s.label(),
                figures.weeks().stream().map(w -> (Number) w.bySeverity().get(s)).toList())).toList());
        data.put("weekly", weekly);

        List<Long> months = figures.months().stream().map(this::epoch).toList();
        Map<String, Object> durations = new LinkedHashMap<>();
        for (IncidentMetrics.Measure measure : IncidentMetrics.Measure.values()) {
            List<Object> series = new ArrayList<>();
            for (Severity severity : Severity.values()) {
                for (String p : List.of("p50", "p90")) {
                    series.add(series(severity.label() + " " + p, figures.months().stream()
                            .map(m -> minutes(cellOf(figures, m, severity).spreads().get(measure), p)).toList()));
                }
            }
            durations.put(measure.name().toLowerCase(java.util.Locale.ROOT),
                    Map.of("label", measure.label, "x", months, "series", series));
        }
        data.put("durations", durations);
        data.put("overdue", Map.of("x", months, "series", List.of(series("overdue %",
                figures.overdue().stream().map(o -> (Number) o.percent()).toList()))));
        return json.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static Map<String, Object> series(String label, List<@Nullable Number> values) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("label", label);
        series.put("values", values);
        return series;
    }

    private static IncidentMetrics.Cell cellOf(IncidentMetrics.Figures figures, YearMonth month, Severity severity) {
        return figures.cells().stream().filter(c -> c.month().equals(month) && c.severity() == severity)
                .findFirst().orElseThrow();
    }

    private static @Nullable Number minutes(IncidentMetrics.Spread spread, String p) {
        Duration d = p.equals("p50") ? spread.p50() : spread.p90();
        return d == null ? null : Math.round(d.toSeconds() / 6.0) / 10.0;
    }

    private long epoch(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toEpochSecond();
    }

    private static String text(@Nullable Duration d) {
        return d == null ? "—" : DurationText.format(d);
    }
}
