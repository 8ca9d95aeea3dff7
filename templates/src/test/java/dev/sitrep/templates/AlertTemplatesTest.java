package dev.sitrep.templates;

import static dev.sitrep.templates.Fixtures.CLOCK;
import static dev.sitrep.templates.Fixtures.DECLARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.incident.Alert;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.AlertMessages;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The alerts in the kick-off, the notices of later notifications, the triage post and the postmortem. */
class AlertTemplatesTest {

    private static final Instant STARTED = DECLARED.minus(Duration.ofMinutes(3));

    private final TemplateRenderer console = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, CLOCK), null);
    private final TemplateRenderer markdown = new TemplateRenderer(new MarkdownDialect(), null);

    private static Alert latency(boolean firing) {
        return new Alert("g1", "fp-1", firing, Map.of("alertname", "HighLatency", "service", "checkout", "instance", "web-1"),
                Map.of("summary", "p99 above 2s", "runbook_url", "https://runbooks.example/latency"), STARTED,
                firing ? null : DECLARED.plus(Duration.ofMinutes(30)), "http://prometheus.example/graph?g0.expr=x", "checkout");
    }

    private static Incident fromAlert(Alert... alerts) {
        return Incident.declare(new IncidentId(9), "p99 above 2s", Severity.SEV2, false, Member.SITREP, DECLARED,
                Duration.ofMinutes(30)).withChannel(Fixtures.CHANNEL).withAlerts(List.of(alerts));
    }

    /** Until a person takes command nobody holds it: no message names sitrep as the commander. */
    @Test
    void nobodyCommandsAnAlertDeclaredIncidentYet(TestInfo info) {
        Incident incident = fromAlert(latency(true));
        String out = java.util.stream.Stream.of(
                new Messages.Kickoff(incident),
                new Messages.Announcement(incident, Fixtures.CHANNEL),
                new Messages.UpdateOverdue(incident, 1, DECLARED),
                new Messages.UpdatesEscalated(incident, 3, DECLARED),
                new Messages.OverdueBroadcast(incident, 3, DECLARED)).map(m -> console.render(m))
                .collect(java.util.stream.Collectors.joining("\n---\n"));
        assertThat(out).doesNotContain("Commander: sitrep").doesNotContain("Commander: @sitrep")
                .doesNotContain("@sitrep the").contains("Commander: nobody yet (declared by an alert)")
                .contains("Nobody commands INC-9 yet (take command)");
        Snapshots.assertMatches(info, out);
    }

    @Test
    void kickoffListsTheAlerts(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Kickoff(fromAlert(latency(true)))));
    }

    @Test
    void alertsResolvedAsksTheCommander(TestInfo info) {
        Incident incident = fromAlert(latency(false));
        Snapshots.assertMatches(info, console.render(new AlertMessages.AlertsChanged(incident, "Alertmanager",
                List.of(), List.of(latency(false)), true)));
    }

    @Test
    void newAlertFiring(TestInfo info) {
        Incident incident = fromAlert(latency(true));
        Snapshots.assertMatches(info, console.render(new AlertMessages.AlertsChanged(incident, "Alertmanager",
                List.of(latency(true)), List.of(), false)));
    }

    @Test
    void triage(TestInfo info) {
        AlertGroup group = new AlertGroup("Alertmanager", "{}:{alertname=\"HighLatency\"}", Map.of("alertname", "HighLatency"),
                Map.of("alertname", "HighLatency"), Map.of(), null, List.of(latency(true)));
        Snapshots.assertMatches(info, console.render(new AlertMessages.AlertTriage(group, group.title(), Severity.SEV3,
                "/incident start HighLatency sev3", new IncidentId(12))));
    }

    @Test
    void postmortemListsAlertsAndCountsFromTheFirst(TestInfo info) {
        Incident incident = fromAlert(latency(false));
        String out = markdown.render(new Postmortem(incident, List.of(), Durations.of(incident), CLOCK.instant()));
        assertThat(out).contains("## Alerts").contains("https://runbooks.example/latency")
                .contains("http://prometheus.example/graph");
        Snapshots.assertMatches(info, out);
    }
}
