package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State lives in Redis on disk: a reminder that came due while the bot was down is posted when it is back. */
class RestartTest {

    @Test
    void aReminderDueWhileDownIsPostedAfterRestart(@TempDir Path home) throws InterruptedException {
        // The first run's reminder loop looks once, at its start, and not again for an hour: however long
        // this run takes to end on a loaded machine, the update cannot come due while it still runs.
        String first = ConsoleBot.run(home, "/incident start Payments down sev1\n",
                "--sitrep.severities.sev1.update-every=2s", "--sitrep.reminders.poll-interval=1h");
        assertThat(first).contains("INC-1 · SEV1 · Payments down").doesNotContain("update was due");

        Thread.sleep(2_500); // the update comes due while no bot runs

        String second = ConsoleBot.run(home, """
                /wait 2s
                /incident list
                /join #inc-1-payments-down
                /incident note still here after the restart
                """, "--sitrep.severities.sev1.update-every=2s");
        // A reminder, or one escalation counting the cadences missed when the restart took longer.
        assertThat(second).containsPattern("@alice the INC-1 update was due|ESCALATION: INC-1 has missed")
                .contains("INC-1 · SEV1 · investigating · Payments down · #inc-1-payments-down")
                .contains("Note from @alice: still here after the restart");
    }
}
