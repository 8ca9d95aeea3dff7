package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A resolved incident whose timeline has a pasted secret, as postmortems often do. */
final class PostmortemFixture {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Member ALICE = new Member("console", "alice", "alice");
    static final String TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    private PostmortemFixture() {
    }

    static TemplateRenderer markdown() {
        return new TemplateRenderer(new MarkdownDialect(), null);
    }

    static Postmortem postmortem() {
        return postmortem(T0.plus(Duration.ofMinutes(63)));
    }

    static Postmortem postmortem(Instant generatedAt) {
        return postmortem("Checkout errors", generatedAt, List.of());
    }

    /** With a title of one's choice and more action items after the first. */
    static Postmortem postmortem(String title, ActionItem... more) {
        return postmortem(title, T0.plus(Duration.ofMinutes(63)), List.of(more));
    }

    private static Postmortem postmortem(String title, Instant generatedAt, List<ActionItem> more) {
        Incident incident = Incident.declare(new IncidentId(42), title, Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15))
                .withActionItem(new ActionItem(1, "Add a canary stage", ALICE, LocalDate.parse("2026-12-01"), false, T0, ALICE));
        for (ActionItem item : more) {
            incident = incident.withActionItem(item);
        }
        incident = incident.resolved("Rolled back | config", T0.plus(Duration.ofMinutes(62)));
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(T0, ALICE, TimelineEntry.Kind.DECLARED, "Declared SEV1: " + title),
                new TimelineEntry(T0.plusSeconds(60), ALICE, TimelineEntry.Kind.NOTE, "used token " + TOKEN + " to page"),
                new TimelineEntry(T0.plusSeconds(120), ALICE, TimelineEntry.Kind.NOTE, "db password: hunter2 rotated"),
                new TimelineEntry(T0.plus(Duration.ofMinutes(62)), ALICE, TimelineEntry.Kind.RESOLVED, "Resolved"));
        return new Postmortem(incident, timeline, Durations.of(incident), generatedAt);
    }
}
