package dev.sitrep.redis;

import static dev.sitrep.testkit.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.RecordingPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two schedulers (each with its own Redis connections, as two replicas have) on one Redis, racing
 * for a few hundred reminders due in the same second: every reminder is posted exactly once.
 */
class TwoSchedulersTest {

    private static final int INCIDENTS = 300;

    private final RedisKeys keys = TestRedis.freshKeys();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingPlatform chat = new RecordingPlatform("console", Set.of("alice"));
    private final EngineSettings settings = EngineSettings.defaults();
    private final EngineHarness replicaA = RedisBackend.replica(keys, clock, chat, settings);
    private final EngineHarness replicaB = RedisBackend.replica(keys, clock, chat, settings);

    @Test
    void everyReminderIsPostedOnceWhenTwoSchedulersRace() throws Exception {
        declareIncidentsAllDueAtTheSameMoment();

        clock.advance(Duration.ofMinutes(15));
        int[] posted = raceBothSchedulers();
        assertThat(posted[0] + posted[1]).isEqualTo(INCIDENTS);
        assertThat(countPerIncident(Messages.UpdateOverdue.class, Messages.UpdateOverdue::incident))
                .hasSize(INCIDENTS).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        System.out.printf("reminders: replica A posted %d, replica B posted %d, none twice%n", posted[0], posted[1]);

        clock.advance(Duration.ofMinutes(15));
        posted = raceBothSchedulers();
        assertThat(posted[0] + posted[1]).isEqualTo(INCIDENTS);
        assertThat(countPerIncident(Messages.UpdatesEscalated.class, Messages.UpdatesEscalated::incident))
                .hasSize(INCIDENTS).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        assertThat(chat.sent(Messages.OverdueBroadcast.class)).hasSize(INCIDENTS);
        // Each incident's timeline has one reminder and one escalation, not two of either.
        for (long n = 1; n <= INCIDENTS; n += 37) {
            assertThat(replicaA.store.timeline(new IncidentId(n))).hasSize(2);
        }
    }

    @Test
    void aClaimWhoseReplicaDiedIsPostedByTheOtherAfterTheLease() {
        declareIncidentsAllDueAtTheSameMoment();
        clock.advance(Duration.ofMinutes(15));
        // Replica A claims everything, then dies before posting anything.
        List<?> claimed = replicaA.timers.claimDue(clock.instant(), 1000);
        assertThat(claimed).hasSize(INCIDENTS);
        assertThat(replicaB.keeper.tick()).isZero();

        clock.advance(Duration.ofSeconds(30));
        assertThat(replicaB.keeper.tick()).isEqualTo(INCIDENTS);
        assertThat(chat.sent(Messages.UpdateOverdue.class)).hasSize(INCIDENTS);
    }

    @Test
    void aReplicaThatDiedWhilePostingDoesNotLoseTheReminder() {
        declareIncidentsAllDueAtTheSameMoment();
        clock.advance(Duration.ofMinutes(15));
        // Replica A claimed INC-1 and took its post key, then died before posting.
        var claims = replicaA.timers.claimDue(clock.instant(), 1);
        var due = replicaA.incident(1).nextUpdateDue().toEpochMilli();
        var once = new RedisIdempotencyKeys(TestRedis.connect(), keys);
        once.begin("reminder:1:" + due + ":1:console", Duration.ofSeconds(20));
        assertThat(claims).hasSize(1);

        // After the claim's lease B commits the reminder, but the dead holder's key is still pending:
        // the post waits in INC-1's outbox and is not counted as posted.
        clock.advance(Duration.ofSeconds(30));
        replicaB.keeper.tick();
        assertThat(chat.sent(Messages.UpdateOverdue.class)).noneMatch(m -> m.incident().id().number() == 1);
        assertThat(replicaB.incident(1).remindersSent()).isEqualTo(1);
        assertThat(replicaB.store.pendingEffects(new IncidentId(1))).hasSize(1);

        // The dead holder's hold runs out: the next tick posts it, once.
        once.abandon("reminder:1:" + due + ":1:console");
        assertThat(replicaB.keeper.tick()).isEqualTo(1);
        assertThat(replicaA.keeper.tick()).isZero();
        assertThat(chat.sent(Messages.UpdateOverdue.class)).filteredOn(m -> m.incident().id().number() == 1).hasSize(1);
        assertThat(replicaB.store.pendingEffects(new IncidentId(1))).isEmpty();
    }

    private void declareIncidentsAllDueAtTheSameMoment() {
        Member alice = new Member("console", "alice", "alice");
        for (int i = 0; i < INCIDENTS; i++) {
            IncidentId id = replicaA.store.nextId();
            Incident incident = Incident.declare(id, "Incident " + id.number(), Severity.SEV1, false, alice, T0,
                    Duration.ofMinutes(15)).withChannel(new ChannelRef("console", "C" + id.number(), "inc-" + id.number()));
            replicaA.store.create(incident);
            replicaA.timers.arm(id, incident.nextUpdateDue());
        }
    }

    private int[] raceBothSchedulers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> a = pool.submit(() -> {
            go.await();
            return replicaA.keeper.tick();
        });
        Future<Integer> b = pool.submit(() -> {
            go.await();
            return replicaB.keeper.tick();
        });
        go.countDown();
        int[] result = {a.get(), b.get()};
        pool.shutdown();
        return result;
    }

    private <M extends dev.sitrep.commands.message.Message> Map<String, Long> countPerIncident(
            Class<M> type, Function<M, Incident> incident) {
        return chat.sent(type).stream().collect(Collectors.groupingBy(m -> incident.apply(m).id().label(),
                Collectors.counting()));
    }
}
