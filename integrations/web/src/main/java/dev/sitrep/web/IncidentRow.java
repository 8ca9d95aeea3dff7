package dev.sitrep.web;

/**
 * One line of the incident list, every value already written out for the page (public: templates read it).
 * {@code service} is empty for an incident that names none; {@code declaredOn} is the declaration's
 * date (ISO, in the configured zone) that the date filter compares.
 */
public record IncidentRow(String label, String title, String severity, String severityLabel, String status, boolean open,
                   String commander, String age, String sinceUpdate, boolean overdue, boolean privateIncident,
                   String search, String service, String declaredOn) {
}
