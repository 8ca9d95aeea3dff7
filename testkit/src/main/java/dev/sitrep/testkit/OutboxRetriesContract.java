package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Effect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A committed effect the platform keeps refusing (the bot removed from the channel, the channel
 * archived) is tried a bounded number of times, with waits that double, and then given up: it
 * leaves the outbox, and the timeline and the incident's channel say so in the platform's words.
 * Every replica honours the wait (it is the effect's idempotency key held), and an effect that
 * works on a later try is carried out once.
 */
public abstract class OutboxRetriesContract {

    protected static final IncidentId INC_1 = new IncidentId(1);

    protected EngineHarness h;

    /** The backoff the contract runs with; a wall-clock store makes it short. */
    protected abstract EffectRetries retries();

    /** A replica with {@code retries} on fresh ports. */
    protected abstract EngineHarness replica(EffectRetries retries);

    /** Returns once the wait held on {@code effectKey} is over (moving the clock, or waiting for the store). */
    protected abstract void waitOut(String effectKey, Duration wait);

    @BeforeEach
    void freshReplica() {
        h = replica(retries());
    }

    private ChannelRef startAndRefuseTopics() {
        h.run("alice", GENERAL, "start Checkout errors sev2");
        ChannelRef channel = h.channelOf(1);
        h.platform.clear();
        h.platform.refuse("topic", "Slack conversations.setTopic failed: not_in_channel");
        h.run("alice", channel, "status identified");
        return channel;
    }

    private String pendingTopicKey() {
        List<Effect> pending = h.store.pendingEffects(INC_1);
        return pending.stream().filter(e -> e instanceof Effect.SetTopic).map(Effect::key).findFirst()
                .orElseThrow(() -> new AssertionError("no topic waiting in the outbox: " + pending));
    }

    @Test
    void anEffectRefusedOnEveryTryIsGivenUpOnceItsAttemptsAreUsed() {
        ChannelRef channel = startAndRefuseTopics();
        assertThat(h.platform.refused("topic")).as("tried right after the commit").isEqualTo(1);
        String key = pendingTopicKey();

        h.keeper.tick();
        assertThat(h.platform.refused("topic")).as("not again before its wait is over").isEqualTo(1);

        for (int failures = 1; failures < retries().attempts(); failures++) {
            waitOut(key, waitAfter(failures));
            h.keeper.tick();
            assertThat(h.platform.refused("topic")).isEqualTo(failures + 1);
        }

        assertThat(h.store.pendingEffects(INC_1)).extracting(Effect::key).doesNotContain(key);
        String expected = "Gave up trying to set the topic of #" + channel.name() + " on console after "
                + retries().attempts() + " tries: Slack conversations.setTopic failed: not_in_channel";
        assertThat(h.store.timeline(INC_1)).filteredOn(e -> e.kind() == TimelineEntry.Kind.NOTE)
                .extracting(TimelineEntry::actor, TimelineEntry::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Member.SITREP, expected));
        assertThat(h.platform.sent(Messages.NoteAdded.class)).extracting(Messages.NoteAdded::text)
                .as("told in the incident's channel, to its commander").containsExactly("alice: " + expected);
        assertThat(h.store.withPendingEffects()).as("nothing left to try").isEmpty();

        waitOut(key, retries().longestWait());
        h.keeper.tick();
        assertThat(h.platform.refused("topic")).as("never tried again").isEqualTo(retries().attempts());
    }

    @Test
    void anEffectThatWorksOnALaterTryIsCarriedOutOnceAndNotGivenUp() {
        startAndRefuseTopics();
        String key = pendingTopicKey();
        h.platform.allow("topic");
        waitOut(key, waitAfter(1));
        h.keeper.tick();
        h.keeper.tick();

        assertThat(h.platform.sent()).filteredOn(s -> s.where().startsWith("topic:")).hasSize(1);
        assertThat(h.store.withPendingEffects()).isEmpty();
        assertThat(h.store.timeline(INC_1)).extracting(TimelineEntry::text).noneMatch(t -> t.startsWith("Gave up"));
    }

    /** A notice of a given-up effect that cannot be posted either is given up in the log only: no loop of notices. */
    @Test
    void aGivenUpNoticeThatFailsTooIsOnlyLogged() {
        h.run("alice", GENERAL, "start Checkout errors sev2");
        ChannelRef channel = h.channelOf(1);
        h.platform.clear();
        h.platform.refuse("post", "Slack chat.postMessage failed: is_archived (the channel is archived)");
        h.run("alice", channel, "note rolled back 4.2");
        for (int round = 0; round < 4 * retries().attempts() && !h.store.withPendingEffects().isEmpty(); round++) {
            h.store.pendingEffects(INC_1).forEach(e -> waitOut(e.key(), retries().longestWait()));
            h.keeper.tick();
        }

        assertThat(h.store.withPendingEffects()).as("the post and its notice both given up").isEmpty();
        assertThat(h.store.timeline(INC_1)).extracting(TimelineEntry::text).filteredOn(t -> t.startsWith("Gave up"))
                .as("one note, for the post; none for the notice").hasSize(1).first().asString()
                .contains("is_archived");
        assertThat(h.platform.refused("post")).as("the note's post and the notice's, each its attempts")
                .isEqualTo(2 * retries().attempts());
    }

    private Duration waitAfter(int failures) {
        return retries().waitAfter(failures);
    }
}
