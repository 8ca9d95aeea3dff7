package dev.sitrep.redis;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static dev.sitrep.testkit.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.PageLog;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.RecordingPager;
import dev.sitrep.testkit.RecordingPlatform;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (each its own Redis connections) carrying out the same committed page: the outbox and
 * the idempotency keys on Redis let one of them page, once, and record it once.
 */
class PagingReplicasTest {

    private final RedisKeys keys = TestRedis.freshKeys();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingPlatform chat = new RecordingPlatform("console", Set.of("alice", "carol", "dave"));
    private final RecordingPager pagerDuty = new RecordingPager();
    private final EngineSettings settings = EngineSettings.defaults().withEffectRetries(RedisBackend.NEXT_TICK);
    private final EngineHarness replicaA = new EngineHarness(RedisBackend.on(keys), clock, chat, settings, pagerDuty);
    private final EngineHarness replicaB = new EngineHarness(RedisBackend.on(keys), clock, chat, settings, pagerDuty);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private long paged(IncidentId id) {
        return replicaA.store.timeline(id).stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.PAGED && e.text().startsWith("Paged ")).count();
    }

    @Test
    void aReplicaDrainingWhileTheOtherIsPagingLeavesThePageToIt() throws Exception {
        CountDownLatch inTrigger = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        pagerDuty.beforeTrigger = () -> {
            inTrigger.countDown();
            await(letGo);
        };
        Future<?> declare = threads.submit(() -> replicaA.run("alice", GENERAL, "start Payments failing service:checkout"));
        assertThat(inTrigger.await(10, TimeUnit.SECONDS)).isTrue();

        // Replica B's tick reaches the same committed page in the outbox while A is paging.
        replicaB.keeper.tick();
        letGo.countDown();
        declare.get(10, TimeUnit.SECONDS);
        replicaB.keeper.tick();
        replicaA.keeper.tick();

        IncidentId id = new IncidentId(1);
        assertThat(pagerDuty.triggers()).containsExactly("trigger sitrep-INC-1-checkout error INC-1 SEV2 Checkout: "
                + "Payments failing (declared at SEV2)");
        assertThat(replicaB.incident(1).page("checkout")).map(PageLog::state).contains(PageLog.State.PAGED);
        assertThat(paged(id)).isEqualTo(1);
        assertThat(replicaA.store.withPendingEffects()).isEmpty();
    }

    @Test
    void aPageLeftInTheOutboxIsPagedOnceWhenBothReplicasTickAtOnce() throws Exception {
        pagerDuty.failNext(Integer.MAX_VALUE);
        replicaA.run("alice", GENERAL, "start Payments failing service:checkout");
        IncidentId id = new IncidentId(1);
        assertThat(replicaA.incident(1).page("checkout")).map(PageLog::state).contains(PageLog.State.ASKED);
        int failed = pagerDuty.triggers().size();
        pagerDuty.accept();

        for (int round = 0; round < 20; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> ticks = List.of(threads.submit(() -> {
                go.await();
                return replicaA.keeper.tick();
            }), threads.submit(() -> {
                go.await();
                return replicaB.keeper.tick();
            }));
            go.countDown();
            for (Future<Integer> tick : ticks) {
                tick.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(pagerDuty.triggers()).hasSize(failed + 1);
        assertThat(pagerDuty.open).containsEntry("sitrep-INC-1-checkout", 1);
        assertThat(paged(id)).isEqualTo(1);
        assertThat(replicaB.incident(1).page("checkout")).map(PageLog::state).contains(PageLog.State.PAGED);
        assertThat(replicaA.store.withPendingEffects()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
