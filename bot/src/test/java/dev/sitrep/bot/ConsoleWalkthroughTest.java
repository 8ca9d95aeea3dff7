package dev.sitrep.bot;

import dev.sitrep.commands.UpdateField;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walk-through, end to end: one incident from declaration to the postmortem file. */
class ConsoleWalkthroughTest {

    static final String WALKTHROUGH = """
            /incident start Checkout errors sev1
            /incident commander @bob
            /as bob
            /join #inc-1-checkout-errors
            /incident severity sev2
            /incident severity sev1
            /incident update confirmed: checkout returns 502 for 30% | suspected: payments deploy 4.2 | verifying: EU traffic | actions: retry failed payments | risk: rollback drops carts | impact: EU and US customers cannot pay | status: identified
            /wait 5s
            /incident update confirmed: rollback done, 502s stopping | status: monitoring | next: 10m
            /incident note error rate back to baseline
            /incident action Add a canary stage to payments deploys @carol due:2026-12-01
            /incident resolve Rolled back payments deploy 4.2
            """;

    @Test
    void aWholeIncidentEndsWithThePostmortemOnDisk(@TempDir Path home) throws IOException {
        String out = ConsoleBot.run(home, WALKTHROUGH, "--sitrep.severities.sev1.update-every=2s");

        assertThat(out).contains("* sitrep created channel #inc-1-checkout-errors")
                .contains("#incidents │ INC-1 (SEV1) declared: Checkout errors")
                .contains("@bob is now commander (was @alice), set by @alice.")
                .contains("Severity SEV2 → SEV1, set by @bob.")
                .contains(UpdateField.CONFIRMED.label() + ": checkout returns 502 for 30%")
                .contains("@bob the INC-1 update was due")
                .contains("ESCALATION: INC-1 has missed 2 update cadences")
                .contains("#incidents │ INC-1 Checkout errors (SEV1): updates are overdue")
                .contains("Note from @bob: error rate back to baseline")
                .contains("Action item #1: Add a canary stage to payments deploys · owner @carol · due 2026-12-01")
                .contains("INC-1 resolved by @bob. Summary: Rolled back payments deploy 4.2")
                .contains("Postmortem skeleton for INC-1:\n")
                .containsPattern("directory: .*postmortems/INC-1-checkout-errors\\.md")
                .contains("#inc-1-checkout-errors │ [file INC-1-checkout-errors.md]")
                .contains("channel: #inc-1-checkout-errors (INC-1-checkout-errors.md)");

        Path postmortem = home.resolve("postmortems/INC-1-checkout-errors.md");
        assertThat(postmortem).exists();
        String markdown = Files.readString(postmortem);
        assertThat(markdown).startsWith("# INC-1: Checkout errors")
                .contains("- **commander**: bob")
                .containsPattern("\\| Time to acknowledge \\| \\d+s \\|")
                .containsPattern("\\| Time to resolve \\| \\d+s \\|")
                .contains("| alice | declared | Declared SEV1: Checkout errors |")
                .contains("| sitrep | reminder | Reminded: update overdue, 1 missed cadence |")
                .contains("| sitrep | escalation | Escalated: update overdue, 2 missed cadences |")
                .contains("| bob | status | identified → monitoring |")
                .contains("- **Impact:** EU and US customers cannot pay")
                .contains("| 1 | Add a canary stage to payments deploys | carol | 2026-12-01 | no |")
                .contains("## Contributing factors").contains("## What went well").contains("## What went badly")
                .contains("## Follow-ups");
    }

    @Test
    void badInputGetsAPrivateAnswerWithTheUsage(@TempDir Path home) {
        String out = ConsoleBot.run(home, """
                /incident start
                /incident note outside
                /incident start DB down sev9
                /incident launch
                /incident start Search slow
                /as mallory
                /join #inc-1-search-slow
                /incident resolve
                /incident commander @nobody
                /incident commander @bob
                /as
                /wait forever
                /frobnicate
                """);
        assertThat(out).contains("(only alice) │ Missing <title>: what is broken.\n")
                .contains("Usage: /incident start <title> [sev1|sev2|sev3|sev4] [private]")
                .contains("(only alice) │ This is not an incident channel")
                .contains("No incidents are open.")
                .contains("Unknown severity 'sev9': use sev1, sev2, sev3 or sev4.")
                .contains("Unknown verb 'launch'.")
                .contains("(only mallory) │ Only the commander (alice) or an admin can resolve INC-1.")
                .contains("(only mallory) │ '@nobody' is not a member of this workspace.")
                .contains("(only mallory) │ Only the commander (alice) or an admin can hand over command of INC-1.")
                .contains("* usage: /as <name>")
                .contains("* usage: /wait")
                .contains("* unknown command /frobnicate")
                .doesNotContain("Exception");
    }
}
