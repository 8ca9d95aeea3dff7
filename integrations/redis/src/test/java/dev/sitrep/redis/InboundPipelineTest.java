package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.inbound.Accepted;
import dev.sitrep.commands.inbound.Delivery;
import dev.sitrep.commands.inbound.InboundPipeline;
import dev.sitrep.commands.inbound.Taken;
import dev.sitrep.commands.port.EngineObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one inbound pipeline on real Redis: take-once by delivery id across replicas, one channel's
 * work in arrival order, channels in parallel, and the one take-once rule (taken before, done after,
 * given back when the work never started).
 */
class InboundPipelineTest {

    private final RedisKeys keys = TestRedis.freshKeys();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final EngineObserver counting = new EngineObserver() {
        @Override
        public void deliveryTaken(String platform, String outcome) {
            outcomes.computeIfAbsent(platform + ":" + outcome, k -> new AtomicInteger()).incrementAndGet();
        }
    };

    /** A replica's pipeline: its own Redis connection, key checks and workers, as the bot wires it. */
    private InboundPipeline replica(int workers) {
        ExecutorService keyChecks = Executors.newFixedThreadPool(2);
        ExecutorService work = Executors.newFixedThreadPool(workers);
        executors.add(keyChecks);
        executors.add(work);
        return new InboundPipeline(connected(), counting, keyChecks, work);
    }

    /** Connected before the test starts, as a running replica is: the first connection is not what is tested. */
    private RedisIdempotencyKeys connected() {
        RedisIdempotencyKeys idempotencyKeys = new RedisIdempotencyKeys(TestRedis.connect(), keys);
        idempotencyKeys.isDone("warm-up");
        return idempotencyKeys;
    }

    @AfterEach
    void stop() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    private static final Runnable NOTHING = () -> {
    };

    @Test
    void theSameDeliveryTwiceOnTwoReplicasRunsOnceOnEveryPlatform() throws Exception {
        InboundPipeline a = replica(4);
        InboundPipeline b = replica(4);
        for (Delivery delivery : List.of(new Delivery("slack", "command:trigger-1", "C1", "start"),
                new Delivery("discord", "interaction:1200000000000000001", "610000000000000001", "start"),
                new Delivery("console", "line:0b6f", "general", "start"))) {
            AtomicInteger runs = new AtomicInteger();
            Accepted first = a.accept(delivery, runs::incrementAndGet, NOTHING);
            Accepted retry = b.accept(delivery, runs::incrementAndGet, NOTHING);
            assertThat(List.of(first.taken().get(), retry.taken().get())).as(delivery.platform())
                    .containsExactlyInAnyOrder(Taken.NOW, Taken.ALREADY);
            first.done().get();
            retry.done().get();
            // After the work it is done, not merely pending: a late retry on either replica is still refused.
            Accepted late = a.accept(delivery, runs::incrementAndGet, NOTHING);
            assertThat(late.taken().get()).isEqualTo(Taken.ALREADY);
            late.done().get();
            assertThat(runs).as(delivery.platform() + " runs").hasValue(1);
            assertThat(outcomes.get(delivery.platform() + ":taken")).hasValue(1);
            assertThat(outcomes.get(delivery.platform() + ":duplicate")).hasValue(2);
        }
    }

    @Test
    void oneChannelsCommandsRunInArrivalOrderWhileOtherChannelsRunInParallel() throws Exception {
        InboundPipeline pipeline = replica(8);
        CountDownLatch otherChannelRan = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        // The first command of #c1 waits until #c2's command ran: were channels not independent, it would wait forever.
        accepted.add(pipeline.accept(new Delivery("discord", "interaction:0", "c1", "note"), () -> {
            await(otherChannelRan);
            ran.add(0);
        }, NOTHING));
        for (int i = 1; i < 20; i++) {
            int n = i;
            accepted.add(pipeline.accept(new Delivery("discord", "interaction:" + n, "c1", "note"), () -> ran.add(n),
                    NOTHING));
        }
        Accepted other = pipeline.accept(new Delivery("discord", "interaction:other", "c2", "note"),
                otherChannelRan::countDown, NOTHING);
        other.done().get();
        for (Accepted a : accepted) {
            a.done().get();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertThat(outcomes.get("discord:taken")).hasValue(21);
        assertThat(ran).containsExactlyElementsOf(expected);
    }

    @Test
    void aChannelOnOnePlatformDoesNotWaitForTheSameChannelIdOnAnother() throws Exception {
        InboundPipeline pipeline = replica(2);
        CountDownLatch discordRan = new CountDownLatch(1);
        Accepted slack = pipeline.accept(new Delivery("slack", "command:x", "42", "note"), () -> await(discordRan),
                NOTHING);
        pipeline.accept(new Delivery("discord", "interaction:x", "42", "note"), discordRan::countDown, NOTHING)
                .done().get();
        slack.done().get();
        assertThat(discordRan.getCount()).isZero();
    }

    @Test
    void workThatFailsIsStillDoneAndWorkThatNeverStartedIsGivenBack() throws Exception {
        InboundPipeline pipeline = replica(1);
        Delivery failing = new Delivery("slack", "command:fails", "C1", "note");
        pipeline.accept(failing, () -> {
            throw new IllegalStateException("boom");
        }, NOTHING).done().get();
        assertThat(pipeline.accept(failing, NOTHING, NOTHING).taken().get())
                .as("the caller was answered; a retry would answer twice").isEqualTo(Taken.ALREADY);

        // A replica shutting down refuses new work: the delivery is given back and its adapter told.
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        ExecutorService keyChecks = Executors.newSingleThreadExecutor();
        executors.add(keyChecks);
        InboundPipeline stopping = new InboundPipeline(connected(), counting, keyChecks, stopped);
        Delivery refused = new Delivery("discord", "interaction:refused", "c1", "note");
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        Accepted dropped = stopping.accept(refused, () -> told.add("ran"), () -> told.add("not run"));
        assertThat(dropped.taken().get()).isEqualTo(Taken.NOW);
        dropped.done().get();
        assertThat(told).containsExactly("not run");
        assertThat(outcomes.get("discord:dropped")).hasValue(1);

        AtomicInteger runs = new AtomicInteger();
        Accepted redelivered = pipeline.accept(refused, runs::incrementAndGet, NOTHING);
        assertThat(redelivered.taken().get()).as("given back, so the redelivery runs").isEqualTo(Taken.NOW);
        redelivered.done().get();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aDeliveryWhosePlatformRefusedItsAcknowledgementLeavesTheKeyToTheOneAcknowledged() throws Exception {
        InboundPipeline pipeline = replica(2);
        Delivery interaction = new Delivery("discord", "interaction:replayed", "c1", "start");
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Boolean> replayDeferred = new CompletableFuture<>();
        Accepted replay = pipeline.accept(interaction, replayDeferred, runs::incrementAndGet, NOTHING);
        Accepted original = pipeline.accept(interaction, CompletableFuture.completedFuture(true), runs::incrementAndGet,
                NOTHING);
        // Discord refuses the replay's deferral (40060): it never takes the key, whatever the order.
        replayDeferred.complete(false);
        assertThat(replay.taken().get()).isEqualTo(Taken.NOT_ACKNOWLEDGED);
        assertThat(original.taken().get()).isEqualTo(Taken.NOW);
        replay.done().get();
        original.done().get();
        assertThat(runs).hasValue(1);
        assertThat(outcomes.get("discord:unacknowledged")).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other channel's command never ran");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The console has no platform timing its answer: where a platform's pipeline gives up on a slow
     * store after {@link InboundPipeline#TAKE_WITHIN} (and the user is told to run it again), the
     * console's waits for the store's answer and runs the line (CI saw the first line refused on a
     * loaded machine). The store is "slow" by holding the key checks until the platform's take has
     * given up, an observable effect, not a timed wait.
     */
    @Test
    void theConsolesTakeWaitsForASlowStoreWhereAPlatformsGivesUp() throws Exception {
        CountDownLatch storeAnswers = new CountDownLatch(1);
        ExecutorService storeThreads = executorOf(2);
        java.util.concurrent.Executor slowStore = task -> storeThreads.execute(() -> {
            try {
                storeAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        InboundPipeline platform = new InboundPipeline(connected(), counting, slowStore, executorOf(1));
        InboundPipeline console = new InboundPipeline(connected(), counting, slowStore, executorOf(1),
                InboundPipeline.TAKE_WITHIN_NO_DEADLINE);
        AtomicInteger platformRuns = new AtomicInteger();
        AtomicInteger consoleRuns = new AtomicInteger();
        Accepted slack = platform.accept(new Delivery("slack", "command:slow-1", "C1", "start"),
                platformRuns::incrementAndGet, NOTHING);
        Accepted line = console.accept(new Delivery("console", "line:slow-1", "general", "start"),
                consoleRuns::incrementAndGet, NOTHING);

        assertThat(slack.taken().get(10, TimeUnit.SECONDS)).isEqualTo(Taken.UNAVAILABLE);
        assertThat(line.taken()).as("the console's take still waits").isNotDone();
        storeAnswers.countDown();

        assertThat(line.taken().get(10, TimeUnit.SECONDS)).isEqualTo(Taken.NOW);
        line.done().get(10, TimeUnit.SECONDS);
        slack.done().get(10, TimeUnit.SECONDS);
        assertThat(consoleRuns).hasValue(1);
        assertThat(platformRuns).hasValue(0);
    }

    private ExecutorService executorOf(int threads) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        executors.add(executor);
        return executor;
    }
}
