package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.RecordingPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * Known defect 3: a resolve and a {@code /incident postmortem} at the same time each filed every
 * document. The first filing is held inside the sink (as a slow wiki would hold it) while the second
 * command arrives; on a real Redis, as two replicas would share it.
 */
class PostmortemFilingLockTest {

    /** A wiki whose first page takes until the test lets it go. */
    private static final class SlowWiki implements PostmortemSink {
        final List<String> created = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "wiki";
        }

        @Override
        public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous, FilingProgress progress) {
            if (previous != null && previous.exists()) {
                return previous;
            }
            entered.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).as("released by the test").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            String id = postmortem.incident().id().label();
            created.add(id);
            FiledDocument document = new FiledDocument(name(), id, "https://wiki.example/" + id + "/" + created.size());
            progress.filed(document);
            return document;
        }
    }

    private final SlowWiki wiki = new SlowWiki();
    private final RecordingPlatform platform = new RecordingPlatform("console", Set.of("alice", "bob"));
    private final IncidentEngine engine;
    private final RedisIncidentStore store;

    PostmortemFilingLockTest() {
        var redis = TestRedis.connect();
        RedisKeys keys = TestRedis.freshKeys();
        store = new RedisIncidentStore(redis, keys);
        Ports ports = new Ports(store, new RedisDueTimers(redis, keys, Duration.ofSeconds(30)),
                new RedisIdempotencyKeys(redis, keys), List.of(platform), List.of(wiki), new MutableClock(EngineHarness.T0),
                EngineObserver.NONE);
        engine = new IncidentEngine(new EngineSettings(Map.of(), 2, "inc", Set.of(), EngineSettings.DEFAULT_ROLES,
                EngineSettings.DEFAULT_UPDATE_ROLES, EngineSettings.DEFAULT_POSTMORTEM_DUE, false), ports);
    }

    private void run(String who, ChannelRef where, String text) {
        engine.execute(new Invocation(where, new Member("console", who, who)), text);
    }

    @Test
    void aPostmortemCommandDuringTheResolvesFilingIsToldToWaitAndNothingIsFiledTwice() throws Exception {
        run("alice", EngineHarness.GENERAL, "start Checkout errors sev1");
        ChannelRef channel = store.open().get(0).channelOn("console").orElseThrow();

        CompletableFuture<Void> resolving = CompletableFuture.runAsync(() -> run("alice", channel, "resolve"));
        assertThat(wiki.entered.await(30, TimeUnit.SECONDS)).as("the resolve is filing").isTrue();

        run("bob", channel, "postmortem");
        assertThat(platform.rejections()).singleElement().satisfies(r -> assertThat(r.problem())
                .contains("INC-1's postmortem is being filed by another command right now")
                .contains("run /incident postmortem once that one is posted"));

        wiki.release.countDown();
        resolving.get(30, TimeUnit.SECONDS);
        assertThat(wiki.created).containsExactly("INC-1");

        // Once the first filing is done, the same command updates what it made.
        run("bob", channel, "postmortem");
        assertThat(wiki.created).containsExactly("INC-1");
        assertThat(platform.sent(Messages.PostmortemFiled.class)).hasSize(2);
    }

    @Test
    void aResolveDuringAnotherFilingStandsAndItsCallerIsToldToFileAgain() throws Exception {
        run("alice", EngineHarness.GENERAL, "start Checkout errors sev1");
        ChannelRef channel = store.open().get(0).channelOn("console").orElseThrow();

        CompletableFuture<Void> filing = CompletableFuture.runAsync(() -> run("bob", channel, "postmortem"));
        assertThat(wiki.entered.await(30, TimeUnit.SECONDS)).as("the postmortem command is filing").isTrue();

        run("alice", channel, "resolve");
        assertThat(store.find(new IncidentId(1)).orElseThrow().isOpen()).as("resolved").isFalse();
        assertThat(platform.sent(Messages.CommandAccepted.class)).filteredOn(a -> a.text().contains("being filed"))
                .singleElement().satisfies(a -> assertThat(a.text()).startsWith("INC-1 is resolved. INC-1's postmortem is being filed by another command right now"));

        wiki.release.countDown();
        filing.get(30, TimeUnit.SECONDS);
        assertThat(wiki.created).containsExactly("INC-1");
    }
}
