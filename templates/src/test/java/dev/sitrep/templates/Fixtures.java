package dev.sitrep.templates;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** One incident in a few states, at a fixed time, for rendering every template. */
final class Fixtures {

    static final Instant DECLARED = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(DECLARED.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    static final Member ALICE = new Member("console", "alice", "alice");
    static final Member BOB = new Member("console", "bob", "bob");
    static final ChannelRef CHANNEL = new ChannelRef("console", "inc-42-checkout-errors", "inc-42-checkout-errors");

    private Fixtures() {
    }

    static Incident declared() {
        return Incident.declare(new IncidentId(42), "Checkout errors", Severity.SEV1, false, ALICE, DECLARED,
                Duration.ofMinutes(15)).withChannel(CHANNEL);
    }

    static Incident titled(String title, boolean privateIncident) {
        return Incident.declare(new IncidentId(7), title, Severity.SEV2, privateIncident, ALICE, DECLARED,
                Duration.ofMinutes(30)).withChannel(CHANNEL);
    }

    static StatusUpdate update() {
        return new StatusUpdate(DECLARED.plus(Duration.ofMinutes(4)), ALICE, "checkout returns 502 for 30% of requests",
                "the 10:02 payments deploy", "whether EU traffic is affected", "retry failed payments; no manual refunds",
                "rolling back may drop in-flight carts", "EU and US customers cannot pay", Status.IDENTIFIED,
                Duration.ofMinutes(20), true);
    }

    static Incident resolved() {
        Incident incident = declared().withRole("comms", BOB)
                .movedTo(Status.IDENTIFIED, Duration.ofMinutes(15), DECLARED.plus(Duration.ofMinutes(4)), true)
                .withUpdate(update(), Duration.ofMinutes(15))
                .withActionItem(new ActionItem(1, "Add a canary stage to payments deploys", BOB,
                        LocalDate.parse("2026-12-01"), false, DECLARED.plus(Duration.ofMinutes(30)), ALICE))
                .withActionItem(new ActionItem(2, "Alert on 5xx rate | per region", null, null, false,
                        DECLARED.plus(Duration.ofMinutes(31)), BOB))
                .movedTo(Status.MONITORING, Duration.ofMinutes(15), DECLARED.plus(Duration.ofMinutes(40)), true);
        return incident.resolved("Rolled back the payments deploy", DECLARED.plus(Duration.ofMinutes(62)));
    }

    static List<TimelineEntry> timeline() {
        return List.of(
                new TimelineEntry(DECLARED, ALICE, TimelineEntry.Kind.DECLARED, "Declared SEV1: Checkout errors"),
                new TimelineEntry(DECLARED, ALICE, TimelineEntry.Kind.ROLE, "alice is commander"),
                new TimelineEntry(DECLARED.plus(Duration.ofMinutes(3)), ALICE, TimelineEntry.Kind.ROLE, "bob is comms"),
                TimelineEntry.statusChange(DECLARED.plus(Duration.ofMinutes(4)), ALICE, Status.INVESTIGATING,
                        Status.IDENTIFIED),
                new TimelineEntry(DECLARED.plus(Duration.ofMinutes(4)), ALICE, TimelineEntry.Kind.UPDATE,
                        "confirmed: checkout returns 502"),
                new TimelineEntry(DECLARED.plus(Duration.ofMinutes(24)), Member.SITREP, TimelineEntry.Kind.REMINDER,
                        "Reminded: update overdue, 1 missed cadence"),
                new TimelineEntry(DECLARED.plus(Duration.ofMinutes(30)), ALICE, TimelineEntry.Kind.ACTION,
                        "#1 Add a canary stage to payments deploys (owner bob) due 2026-12-01"),
                TimelineEntry.statusChange(DECLARED.plus(Duration.ofMinutes(40)), ALICE, Status.IDENTIFIED,
                        Status.MONITORING),
                new TimelineEntry(DECLARED.plus(Duration.ofMinutes(45)), BOB, TimelineEntry.Kind.NOTE,
                        "error rate back to *baseline* | see <dashboard>"),
                new TimelineEntry(DECLARED.plus(Duration.ofMinutes(62)), ALICE, TimelineEntry.Kind.RESOLVED,
                        "Resolved: Rolled back the payments deploy"));
    }

    /** About checkout: its runbook, a checklist with one step done, and its on-call paged. */
    static Incident withService(Incident incident) {
        return incident.withService(new dev.sitrep.commands.incident.ServiceOf("checkout", "Checkout",
                        "https://runbooks.example/checkout", java.util.Map.of(), null), List.of("Check the payment dashboards", "Roll back the last deploy"))
                .withTask(1, true, BOB, DECLARED.plus(Duration.ofMinutes(2)))
                .withPage(new dev.sitrep.commands.incident.PageLog("checkout",
                        dev.sitrep.commands.incident.PageLog.State.PAGED, "PagerDuty", null, DECLARED, "change:42:1:0"));
    }
}
