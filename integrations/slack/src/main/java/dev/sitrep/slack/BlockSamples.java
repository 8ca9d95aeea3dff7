package dev.sitrep.slack;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One sample of each message that has a built-in block template, with every optional part given, so
 * that an operator's override of it is rendered and checked at startup rather than at the first incident.
 */
final class BlockSamples {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Member ALICE = new Member(SlackChatPlatform.NAME, "U0SAMPLE1", "alice");
    private static final Member BOB = new Member(SlackChatPlatform.NAME, "U0SAMPLE2", "bob");

    private BlockSamples() {
    }

    static List<Message> all() {
        Incident declared = Incident.declare(new IncidentId(1), "Checkout errors", Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15));
        ActionItem item = new ActionItem(1, "Add a canary", BOB, LocalDate.of(2026, 1, 8), false, T0, ALICE);
        StatusUpdate update = new StatusUpdate(T0.plusSeconds(600), ALICE, "5xx on checkout", "bad deploy", "rollback",
                "rolling back", "card payments", "EU customers", null, Duration.ofMinutes(30));
        Incident updated = declared.withUpdate(update, Duration.ofMinutes(15)).withActionItem(item);
        Incident resolved = updated.resolved("Rolled back", T0.plusSeconds(3600));
        return List.of(new Messages.Kickoff(declared), new Messages.Kickoff(Incident.declare(new IncidentId(2), "Keys",
                        Severity.SEV2, true, ALICE, T0, Duration.ofMinutes(30))),
                new Messages.Announcement(declared, new ChannelRef(SlackChatPlatform.NAME, "C0SAMPLE", "inc-1-checkout")),
                new Messages.UpdatePosted(updated, update), new Messages.UpdateOverdue(declared, 2, T0),
                new Messages.UpdatesEscalated(declared, 3, T0), new Messages.ActionAdded(updated, item),
                new Messages.PostmortemOverdue(resolved, List.of(item), T0),
                new Messages.Resolved(resolved, Durations.of(resolved), ALICE));
    }
}
