package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.UpdateField;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's buttons on the console: numbered choices under it, numbered upwards across all
 * messages and pressed with {@code /click n} through the same pipeline and engine path as typed
 * commands, with the same refusals; a number that is gone or was never shown is answered plainly.
 */
class ConsoleChoicesTest {

    @Test
    void choicesArePressedWithClickAndRefusedAsTypedCommandsAre(@TempDir Path home) {
        String out = ConsoleBot.run(home, """
                /incident start Checkout errors
                /as bob
                /join #inc-1-checkout-errors
                /click 3
                /click 2
                /as alice
                /click 9
                /click first
                /incident action Add a canary stage @carol
                /click 4
                /click 4
                /incident start Search slow
                /incident resolve Restarted the indexer
                /click 5
                /incident start Payroll breach private
                /as bob
                /click 10
                /as alice
                /join #inc-1-checkout-errors
                /incident update
                payments 502s
                /cancel
                /incident update
                payments 502s
                /click 3
                %s
                """.formatted("\n".repeat(UpdateField.values().length - 2)));
        // The README's console capture comes from here.
        System.out.println(out);

        assertThat(out).contains("                       │ [1] Post update  [2] Take command  [3] Resolve\n")
                .contains("(only bob) │ Only the commander (alice) or an admin can resolve INC-1.")
                .contains("(only bob) │ Only the commander (alice) or an admin can hand over command of INC-1.")
                .contains("* there is no choice [9]: they go up to [3]. Open here: [1] Post update  [2] Take command  "
                        + "[3] Resolve")
                .contains("* usage: /click <n>, n the number of a choice shown under a message, e.g. [1] Post update. "
                        + "Open here: [1] Post update  [2] Take command  [3] Resolve")
                // Numbers go on upwards across messages: the action item's choice is [4], not a second [1].
                .contains("│ [4] Done\n")
                .containsPattern("#inc-1-checkout-errors │ ↳ Done by alice \\d\\d:\\d\\d:\\d\\d UTC")
                .containsPattern("\\* \\[4] is gone: its message in #inc-1-checkout-errors was answered \\(Done by alice "
                        + "\\d\\d:\\d\\d:\\d\\d UTC\\)\\. Open here: \\[1] Post update  \\[2] Take command  \\[3] Resolve")
                .contains("│ [5] Post update  [6] Take command  [7] Resolve\n")
                .contains("#inc-2-search-slow │ ↳ INC-2 is resolved\n")
                .contains("(only alice) │ INC-2 is resolved.")
                .contains("* [10] is in #inc-3-payroll-breach, which is private; a member of it has to add you")
                // Typed without fields, update asks its form (here from a pipe: /cancel stops it).
                .contains("* Update on INC-1 · Checkout errors: one question at a time.")
                .contains("* Cancelled. INC-1 is as it was.")
                .contains("│ What we can confirm: payments 502s\n")
                // A console command typed while a question waits is refused, and the same question asked again.
                .contains("* '/click 3' is a console command, not an answer; the form is still open. Answer again, or /cancel.")
                .doesNotContain("What we suspect: /click 3")
                .doesNotContain("This chat has no update form")
                .doesNotContain("Exception");
        // A refused click changes nothing: alice is still the commander, INC-1 still open; bob saw nothing of INC-3.
        assertThat(out).doesNotContain("INC-1 resolved by").doesNotContain("@bob is now commander")
                .doesNotContain("Take command by bob");
    }
}
