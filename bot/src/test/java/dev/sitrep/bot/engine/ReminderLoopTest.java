package dev.sitrep.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.ReminderKeeper;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.testkit.EngineHarness;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §3, reminders not starved during a burst: each open incident's reminder keeps its own
 * time, whatever another incident's posts are waiting for. An escalation's broadcast copy waits in
 * the broadcast channel's line behind a burst's announcements (Discord's bucket for that channel,
 * 5 per 5 s in the stand-in); meanwhile another incident's reminder comes due and is posted in its
 * channel at once. The engine's clock is moved by hand; the loop polls on the wall clock.
 */
class ReminderLoopTest {

    private final EngineHarness h = EngineHarness.fresh();
    /**
     * The effect hold outlasts the test's clock jumps: a broadcast waiting in line holds its key for
     * the wall-clock seconds it waits, but here the clock moves minutes meanwhile, and with the default
     * hold the loop's own sweep found the key lapsed, took the waiting broadcast over and waited in line
     * itself (the test failed so, now and then).
     */
    private final ReminderKeeper keeper = new ReminderKeeper(EngineHarness.settings().withEffectHold(Duration.ofHours(1)),
            h.ports, 50, 4);
    private final ReminderLoop loop = new ReminderLoop(keeper, Duration.ofMillis(20));

    @AfterEach
    void stop() {
        h.platform.releaseAnnouncements();
        loop.stop();
        keeper.close();
    }

    @Test
    void anotherIncidentsReminderIsPostedWhileAnEscalationsBroadcastWaitsInLine() throws Exception {
        h.run("alice", EngineHarness.GENERAL, "start Payments errors sev1");
        h.clock.advance(Duration.ofMinutes(5));
        h.run("bob", EngineHarness.GENERAL, "start Login errors sev1");
        loop.start();
        // The first reminders (15 min cadence): INC-1 at 15 min, INC-2 at 20 min.
        h.clock.advance(Duration.ofMinutes(10));
        await(() -> overdueIn(1) == 1, "INC-1's first reminder");
        h.clock.advance(Duration.ofMinutes(5));
        await(() -> overdueIn(2) == 1, "INC-2's first reminder");

        // INC-1's second is an escalation: posted in its channel, then copied to the broadcast
        // channel, where it waits in line.
        h.platform.holdAnnouncements();
        h.clock.advance(Duration.ofMinutes(10));
        await(() -> h.platform.announcementsHeld() == 1, "INC-1's escalation waiting in the broadcast channel's line");

        // INC-2's second comes due while that broadcast still waits: posted in INC-2's channel all the same.
        h.clock.advance(Duration.ofMinutes(5));
        await(() -> escalatedIn(2) == 1, "INC-2's escalation in its own channel, while INC-1's broadcast waits");
        assertThat(h.platform.announcementsHeld()).as("INC-1's broadcast still waits").isGreaterThanOrEqualTo(1);

        h.platform.releaseAnnouncements();
        await(() -> h.platform.sent(Messages.OverdueBroadcast.class).size() == 2, "both broadcasts, once released");
    }

    private long overdueIn(long incident) {
        return count(incident, h.platform.sent(Messages.UpdateOverdue.class).stream().map(m -> m.incident().id()).toList());
    }

    private long escalatedIn(long incident) {
        return count(incident, h.platform.sent(Messages.UpdatesEscalated.class).stream().map(m -> m.incident().id()).toList());
    }

    private static long count(long incident, List<IncidentId> ids) {
        return ids.stream().filter(id -> id.number() == incident).count();
    }

    /** Waits for an observable effect (the loop runs on its own threads), failing after a generous while. */
    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 20 s for " + what).isNegative();
            Thread.sleep(10);
        }
    }
}
