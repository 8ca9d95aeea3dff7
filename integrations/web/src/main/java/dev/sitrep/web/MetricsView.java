package dev.sitrep.web;

import java.util.List;

/**
 * The metrics page's content, every value already written out as text for its tables; {@code chartData}
 * is the same figures as JSON for the page's script, which draws the charts (public: templates read it).
 */
public record MetricsView(List<String> severities, List<Week> weeks, List<Durations> durations, List<Overdue> overdue,
                          Actions actions, int counted, String chartData) {

    public record Week(String monday, List<Integer> counts, int total) {
    }

    /** One month and severity; {@code figures}: p50 and p90 of acknowledge, mitigate, resolve in turn. */
    public record Durations(String month, String severity, int declared, List<String> figures) {
    }

    public record Overdue(String month, int declared, int overdue, String rate) {
    }

    public record Actions(int open, int overdue, int done) {
    }
}
