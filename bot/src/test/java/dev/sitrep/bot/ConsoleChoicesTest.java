package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's buttons on the console: numbered choices under it, pressed with {@code /click n}
 * through the same pipeline and engine path as typed commands, with the same refusals.
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
                /click 7
                /incident action Add a canary stage @carol
                /click 1
                /click 1
                /incident start Search slow
                /incident resolve Restarted the indexer
                /click 1
                """);
        // The README's console capture comes from here.
        System.out.println(out);

        assertThat(out).contains("                       │ [1] Post update  [2] Take command  [3] Resolve\n")
                .contains("(only bob) │ Only the commander (alice) or an admin can resolve INC-1.")
                .contains("(only bob) │ Only the commander (alice) or an admin can hand over command of INC-1.")
                .contains("* usage: /click <n>, n one of the choices of the last message with choices in "
                        + "#inc-1-checkout-errors: [1] Post update  [2] Take command  [3] Resolve")
                .contains("│ [1] Done\n")
                .containsPattern("#inc-1-checkout-errors │ ↳ Done by alice \\d\\d:\\d\\d:\\d\\d UTC")
                .contains("* usage: /click <n>, n one of the choices of the last message with choices in "
                        + "#inc-1-checkout-errors (there are none now)")
                .contains("#inc-2-search-slow │ ↳ INC-2 is resolved\n")
                .contains("(only alice) │ INC-2 is resolved.")
                .doesNotContain("Exception");
        // A refused click changes nothing: alice is still the commander, INC-1 still open.
        assertThat(out).doesNotContain("INC-1 resolved by").doesNotContain("@bob is now commander");
    }
}
