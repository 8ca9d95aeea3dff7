package dev.sitrep.testkit;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.util.List;

/**
 * A Slack incident, a Discord one and a private Discord one, as one engine serving both stores them:
 * what each dialect's tests render to check it links only its own platform's people and channels.
 */
public final class MixedIncidents {

    public static final Member SLACK_ALICE = new Member("slack", "U0ALICE", "alice");
    public static final Member DISCORD_BOB = new Member("discord", "1213000000000000001", "bob");

    private MixedIncidents() {
    }

    public static List<Incident> list() {
        return List.of(
                Incident.declare(new IncidentId(1), "Slack side", Severity.SEV2, false, SLACK_ALICE, EngineHarness.T0,
                                Duration.ofMinutes(30))
                        .withChannel(new ChannelRef("slack", "C0SLACK1", "inc-1-slack-side")),
                Incident.declare(new IncidentId(2), "Payments API down", Severity.SEV1, false, DISCORD_BOB,
                                EngineHarness.T0, Duration.ofMinutes(15))
                        .withChannel(new ChannelRef("discord", "1577000000000000001", "inc-2-payments-api-down")),
                Incident.declare(new IncidentId(3), "Key leak", Severity.SEV3, true, DISCORD_BOB, EngineHarness.T0,
                                Duration.ofMinutes(60))
                        .withChannel(new ChannelRef("discord", "1577000000000000003", "inc-3-key-leak")));
    }
}
