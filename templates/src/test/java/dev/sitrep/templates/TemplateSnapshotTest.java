package dev.sitrep.templates;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.sitrep.templates.Fixtures.ALICE;
import static dev.sitrep.templates.Fixtures.BOB;
import static dev.sitrep.templates.Fixtures.CHANNEL;
import static dev.sitrep.templates.Fixtures.CLOCK;
import static dev.sitrep.templates.Fixtures.DECLARED;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Every built-in template rendered from fixtures and compared with its snapshot file. */
class TemplateSnapshotTest {

    private final TemplateRenderer console = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, CLOCK), null);
    private final TemplateRenderer markdown = new TemplateRenderer(new MarkdownDialect(), null);

    @Test
    void kickoff(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Kickoff(Fixtures.declared())));
    }

    @Test
    void kickoffPrivate(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Kickoff(Fixtures.titled("Leaked keys", true))));
    }

    @Test
    void kickoffWithService(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Kickoff(Fixtures.withService(Fixtures.declared()))));
    }

    @Test
    void topicWithChecklist(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Topic(Fixtures.withService(Fixtures.declared()))));
    }

    @Test
    void postmortemWithService(TestInfo info) {
        Incident incident = Fixtures.withService(Fixtures.resolved());
        Snapshots.assertMatches(info, markdown.render(new Postmortem(incident, Fixtures.timeline(), Durations.of(incident),
                CLOCK.instant())));
    }

    @Test
    void topic(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Topic(Fixtures.declared())));
    }

    @Test
    void announcement(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Announcement(Fixtures.declared(), CHANNEL)));
    }

    @Test
    void announcementOfPrivateIncidentHidesTitleAndChannel(TestInfo info) {
        Snapshots.assertMatches(info,
                console.render(new Messages.Announcement(Fixtures.titled("Leaked signing keys", true), CHANNEL)));
    }

    @Test
    void roleChange(TestInfo info) {
        Incident incident = Fixtures.declared().withRole("commander", BOB);
        Snapshots.assertMatches(info, console.render(new Messages.RoleAssigned(incident, "commander", BOB, ALICE, ALICE)));
    }

    @Test
    void roleChangeFirstHolder(TestInfo info) {
        Incident incident = Fixtures.declared().withRole("comms", BOB);
        Snapshots.assertMatches(info, console.render(new Messages.RoleAssigned(incident, "comms", BOB, null, ALICE)));
    }

    @Test
    void severityChange(TestInfo info) {
        Incident incident = Fixtures.declared().withSeverity(Severity.SEV2, Duration.ofMinutes(30), CLOCK.instant());
        Snapshots.assertMatches(info, console.render(new Messages.SeverityChanged(incident, Severity.SEV1, ALICE)));
    }

    @Test
    void statusChange(TestInfo info) {
        Incident incident = Fixtures.declared().movedTo(Status.IDENTIFIED, Duration.ofMinutes(15), CLOCK.instant(), true);
        Snapshots.assertMatches(info,
                console.render(new Messages.StatusChanged(incident, Status.INVESTIGATING, ALICE)));
    }

    @Test
    void statusUpdate(TestInfo info) {
        Incident incident = Fixtures.declared().withUpdate(Fixtures.update(), Duration.ofMinutes(15));
        Snapshots.assertMatches(info, console.render(new Messages.UpdatePosted(incident, Fixtures.update())));
    }

    @Test
    void note(TestInfo info) {
        Snapshots.assertMatches(info,
                console.render(new Messages.NoteAdded(Fixtures.declared(), BOB, "EU looks fine from here")));
    }

    @Test
    void actionItem(TestInfo info) {
        ActionItem item = new ActionItem(3, "Add a canary stage", BOB, LocalDate.parse("2026-12-01"), false,
                DECLARED, ALICE);
        Snapshots.assertMatches(info, console.render(new Messages.ActionAdded(Fixtures.declared(), item)));
    }

    @Test
    void actionItemDone(TestInfo info) {
        ActionItem item = new ActionItem(3, "Add a canary stage", BOB, null, true, DECLARED, ALICE);
        Snapshots.assertMatches(info, console.render(new Messages.ActionCompleted(Fixtures.declared(), item, BOB,
                List.of("closing it in github failed (GitHub PATCH /repos/acme/ops/issues/31 answered HTTP 403); "
                        + "close https://github.example/acme/ops/issues/31 by hand"))));
    }

    @Test
    void actionItemWithoutOwner(TestInfo info) {
        ActionItem item = new ActionItem(4, "Write the runbook", null, null, false, DECLARED, ALICE);
        Snapshots.assertMatches(info, console.render(new Messages.ActionAdded(Fixtures.declared(), item)));
    }

    @Test
    void snoozed(TestInfo info) {
        Incident incident = Fixtures.declared().snoozedUntil(CLOCK.instant().plus(Duration.ofMinutes(30)));
        Snapshots.assertMatches(info, console.render(new Messages.Snoozed(incident, ALICE, Duration.ofMinutes(30))));
    }

    @Test
    void reminder(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.UpdateOverdue(Fixtures.declared(), 1,
                DECLARED.plus(Duration.ofMinutes(3)))));
    }

    /** After an outage one reminder stands for every cadence missed meanwhile, and says how many. */
    @Test
    void reminderAfterSeveralMissedCadences(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.UpdateOverdue(Fixtures.declared(), 3,
                DECLARED.minus(Duration.ofMinutes(27)))));
    }

    @Test
    void escalation(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.UpdatesEscalated(Fixtures.declared(), 2,
                DECLARED.minus(Duration.ofMinutes(12)))));
    }

    @Test
    void escalationBroadcast(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.OverdueBroadcast(Fixtures.declared(), 2,
                DECLARED.minus(Duration.ofMinutes(12)))));
    }

    @Test
    void resolution(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.Resolved(Fixtures.resolved(),
                Durations.of(Fixtures.resolved()), ALICE)));
    }

    @Test
    void resolutionBroadcast(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.ResolvedBroadcast(Fixtures.resolved(),
                Durations.of(Fixtures.resolved()))));
    }

    @Test
    void reopened(TestInfo info) {
        Incident incident = Fixtures.resolved().movedTo(Status.INVESTIGATING, Duration.ofMinutes(15), CLOCK.instant(),
                true);
        Snapshots.assertMatches(info, console.render(new Messages.Reopened(incident, ALICE)));
    }

    @Test
    void postmortemFiled(TestInfo info) {
        Postmortem postmortem = new Postmortem(Fixtures.resolved(), Fixtures.timeline(),
                Durations.of(Fixtures.resolved()), CLOCK.instant());
        Snapshots.assertMatches(info,
                console.render(new Messages.PostmortemFiled(postmortem, List.of(
                        new FiledDocument("directory", "INC-42", ".sitrep/postmortems/INC-42-checkout-errors.md"),
                        new FiledDocument("github", "17", "https://github.example/acme/ops/pull/17")))));
    }

    @Test
    void postmortemFilingFailed(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.PostmortemFilingFailed(Fixtures.resolved(), "confluence",
                "HTTP 401 from Confluence (check the token)")));
    }

    @Test
    void postmortemOverdue(TestInfo info) {
        Incident incident = Fixtures.resolved();
        Snapshots.assertMatches(info, console.render(new Messages.PostmortemOverdue(incident, incident.actionItems().subList(0, 1),
                DECLARED.minus(Duration.ofMinutes(1)))));
    }

    @Test
    void postmortemDone(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.PostmortemCompleted(Fixtures.resolved(), BOB)));
    }

    @Test
    void list(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.OpenIncidents(List.of(Fixtures.declared(),
                Fixtures.titled("Secret rotation", true)))));
    }

    @Test
    void listEmpty(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.OpenIncidents(List.of())));
    }

    @Test
    void help(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.HelpText(null, List.of(Verb.values()))));
    }

    @Test
    void helpForOneVerb(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.HelpText(Verb.UPDATE, List.of(Verb.UPDATE))));
    }

    @Test
    void rejected(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.CommandRejected(
                "Unknown severity 'sev9': use sev1, sev2, sev3 or sev4.", Verb.START, null)));
    }

    @Test
    void rejectedOutsideAnIncidentChannel(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.CommandRejected(
                "This is not an incident channel; run it in the incident's channel.", Verb.NOTE,
                List.of(Fixtures.declared()))));
    }

    /** Issue 15 §3: a right command that a platform failed reads as what happened, not as a typing mistake. */
    @Test
    void aFailedCommandGetsNoUsageLine() {
        String bad = console.render(new Messages.CommandRejected("Unknown severity 'sev9'.", Verb.START, null));
        String failed = console.render(Messages.CommandRejected.ofFailure("INC-13 is recorded, but its channel could not be"
                + " made: Slack conversations.create failed: invalid_auth (check SLACK_BOT_TOKEN). What was already"
                + " recorded is kept; fix that and run the command again.", Verb.START));
        assertThat(bad).contains("Usage: " + Verb.START.usage());
        assertThat(failed).contains("INC-13 is recorded").doesNotContain("Usage:").doesNotContain("/incident help");
    }

    @Test
    void rejectedUnknownVerb(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.CommandRejected("Unknown verb 'strat'.", null, null)));
    }

    @Test
    void accepted(TestInfo info) {
        Snapshots.assertMatches(info, console.render(new Messages.CommandAccepted(
                "Declared INC-42; you are its commander.", Fixtures.declared(), Fixtures.CHANNEL)));
    }

    @Test
    void postmortem(TestInfo info) {
        Snapshots.assertMatches(info, markdown.render(new Postmortem(Fixtures.resolved(), Fixtures.timeline(),
                Durations.of(Fixtures.resolved()), CLOCK.instant())));
    }

    @Test
    void postmortemOfAnOpenIncidentWithNothingYet(TestInfo info) {
        Snapshots.assertMatches(info, markdown.render(new Postmortem(Fixtures.declared(), Fixtures.timeline().subList(0, 2),
                Durations.of(Fixtures.declared()), CLOCK.instant())));
    }
}
