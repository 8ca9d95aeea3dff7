package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RedisLeaseTest {

    private final RedisKeys keys = TestRedis.freshKeys();

    private RedisLease lease(String holder) {
        return new RedisLease(TestRedis.connect(), keys, "discord-gateway", holder);
    }

    @Test
    void oneHolderAtATimeAndOnlyTheHolderRenewsOrReleases() {
        RedisLease a = lease("replica-a");
        RedisLease b = lease("replica-b");
        assertThat(a.acquireOrRenew(Duration.ofSeconds(10))).isTrue();
        assertThat(b.acquireOrRenew(Duration.ofSeconds(10))).isFalse();
        assertThat(a.acquireOrRenew(Duration.ofSeconds(10))).as("renewed by its holder").isTrue();
        b.release();
        assertThat(b.holder()).contains("replica-a");
        a.release();
        assertThat(a.holder()).isEmpty();
        assertThat(b.acquireOrRenew(Duration.ofSeconds(10))).isTrue();
        assertThat(a.holder()).contains("replica-b");
    }

    @Test
    void aLeaseNotRenewedExpiresAndTheExHolderCannotTakeItBack() throws Exception {
        RedisLease a = lease("replica-a");
        RedisLease b = lease("replica-b");
        assertThat(a.acquireOrRenew(Duration.ofMillis(300))).isTrue();
        // Until Redis (its own clock) has let the lease run out: observed, not a guessed sleep.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (a.holder().isPresent()) {
            assertThat(System.nanoTime()).as("the 300 ms lease ran out").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(b.acquireOrRenew(Duration.ofSeconds(10))).isTrue();
        // The old holder wakes up late: its renewal must fail, and its release must not drop b's lease.
        assertThat(a.acquireOrRenew(Duration.ofSeconds(10))).isFalse();
        a.release();
        assertThat(b.holder()).contains("replica-b");
    }

    @Test
    void manyReplicasRacingForAFreeLeaseGiveItToExactlyOne() throws Exception {
        int replicas = 16;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> won = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            RedisLease lease = lease("replica-" + i);
            won.add(pool.submit(() -> {
                go.await();
                return lease.acquireOrRenew(Duration.ofSeconds(10));
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : won) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }
}
