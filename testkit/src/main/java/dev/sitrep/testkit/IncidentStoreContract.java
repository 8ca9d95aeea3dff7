package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.TimerChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentStore} does, whatever it stores in: {@link IncidentRecordsContract}, and
 * writers racing on one incident and commits (all of a change or nothing). An implementation's test
 * extends this and says how to make a fresh, empty store and a second client of the same one.
 */
public abstract class IncidentStoreContract extends IncidentRecordsContract {

    /** The timers a commit of {@code store} arms and cancels. */
    protected abstract DueTimers timersOf(IncidentStore store);

    /** Two writers, each its own client, add 100 action items each to one incident: none is lost. */
    @Test
    void twoWritersOnOneIncidentLoseNoUpdate() throws Exception {
        IncidentId id = store.create(declared(store.nextId())).id();
        int perWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> writers = new ArrayList<>();
        for (String writer : List.of("A", "B")) {
            IncidentStore own = anotherClientOf(store);
            writers.add(() -> {
                int conflicts = 0;
                for (int i = 0; i < perWriter; i++) {
                    while (true) {
                        Incident current = own.find(id).orElseThrow();
                        Incident changed = current.withActionItem(new ActionItem(current.nextActionNumber(),
                                writer + i, null, null, false, T0, ALICE));
                        if (own.replace(current, changed).isPresent()) {
                            break;
                        }
                        conflicts++;
                    }
                }
                return conflicts;
            });
        }
        int conflicts = 0;
        try {
            for (Future<Integer> f : pool.invokeAll(writers)) {
                conflicts += f.get();
            }
        } finally {
            pool.shutdown();
        }

        Incident result = store.find(id).orElseThrow();
        assertThat(result.actionItems()).hasSize(2 * perWriter);
        assertThat(result.actionItems().stream().map(ActionItem::text)).doesNotHaveDuplicates()
                .contains("A0", "A99", "B0", "B99");
        assertThat(result.actionItems().stream().map(ActionItem::number)).doesNotHaveDuplicates();
        assertThat(result.version()).isEqualTo(1 + 2 * perWriter);
        System.out.println(getClass().getSimpleName() + ": two writers, " + conflicts
                + " compare-and-set conflicts retried, none lost");
    }

    private static TimelineEntry note(String text) {
        return new TimelineEntry(T0, ALICE, TimelineEntry.Kind.NOTE, text);
    }

    protected static Effect post(String key, String text) {
        return new Effect.Post(key, CHANNEL, new Messages.CommandAccepted(text, null));
    }

    @Test
    void aCommitWritesTheIncidentItsEntriesItsTimerAndItsEffectsTogether() {
        Incident v1 = store.create(declared(store.nextId()).withChannel(CHANNEL));
        Change change = Change.of(v1, v1.withRole("ops", ALICE)).record(note("a")).record(note("b"))
                .timer(TimerChange.arm(T0.plusSeconds(900))).effects(List.of(post("k1", "one"), post("k2", "two")));

        Incident stored = store.commit(change).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(store.find(v1.id())).contains(stored);
        assertThat(store.timeline(v1.id())).extracting(TimelineEntry::text).containsExactly("a", "b");
        assertThat(timersOf(store).nextDue()).contains(T0.plusSeconds(900));
        assertThat(store.pendingEffects(v1.id())).containsExactly(post("k1", "one"), post("k2", "two"));
        assertThat(store.withPendingEffects()).containsExactly(v1.id());
    }

    @Test
    void aCommitThatLostTheRaceWritesNothing() {
        Incident v1 = store.create(declared(store.nextId()));
        Incident v2 = store.replace(v1, v1.withSeverity(Severity.SEV1, Duration.ofMinutes(15), T0)).orElseThrow();
        Change stale = Change.of(v1, v1.withRole("ops", ALICE)).record(note("lost"))
                .timer(TimerChange.arm(T0.plusSeconds(60))).effects(List.of(post("k1", "lost")));

        assertThat(anotherClientOf(store).commit(stale)).isEmpty();
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.timeline(v1.id())).isEmpty();
        assertThat(timersOf(store).nextDue()).isEmpty();
        assertThat(store.pendingEffects(v1.id())).isEmpty();
        assertThat(store.withPendingEffects()).isEmpty();
    }

    @Test
    void aCommitCreatingAnIncidentThatExistsWritesNothing() {
        Incident existing = store.create(declared(store.nextId()));
        Change again = Change.of(null, declared(existing.id())).record(note("again"))
                .timer(TimerChange.arm(T0)).effects(List.of(post("k1", "again")));
        assertThat(store.commit(again)).isEmpty();
        assertThat(store.find(existing.id())).contains(existing);
        assertThat(store.timeline(existing.id())).isEmpty();
        assertThat(timersOf(store).nextDue()).isEmpty();
        assertThat(store.pendingEffects(existing.id())).isEmpty();
    }

    @Test
    void aCommitCancelsTheTimerOrLeavesIt() {
        Incident v1 = store.create(declared(store.nextId()));
        Incident v2 = store.commit(Change.of(v1, v1).timer(TimerChange.arm(T0.plusSeconds(60)))).orElseThrow();
        Incident v3 = store.commit(Change.of(v2, v2.withRole("ops", ALICE))).orElseThrow();
        assertThat(timersOf(store).nextDue()).contains(T0.plusSeconds(60));
        store.commit(Change.of(v3, v3.resolved("done", T0.plusSeconds(30))).timer(TimerChange.CANCEL)).orElseThrow();
        assertThat(timersOf(store).nextDue()).isEmpty();
    }

    @Test
    void effectsStayPendingInCommitOrderUntilEachIsDone() {
        Incident first = store.create(declared(store.nextId()));
        Incident second = store.create(declared(store.nextId()));
        Incident first2 = store.commit(Change.of(first, first).effects(List.of(post("a1", "1"), post("a2", "2"))))
                .orElseThrow();
        store.commit(Change.of(first2, first2).effects(List.of(post("a3", "3")))).orElseThrow();
        store.commit(Change.of(second, second).effects(List.of(post("b1", "1")))).orElseThrow();
        assertThat(store.withPendingEffects()).containsExactly(first.id(), second.id());

        anotherClientOf(store).effectDone(first.id(), "a2");
        store.effectDone(first.id(), "nobody");
        assertThat(store.pendingEffects(first.id())).extracting(Effect::key).containsExactly("a1", "a3");
        store.effectDone(first.id(), "a1");
        store.effectDone(first.id(), "a3");
        assertThat(store.pendingEffects(first.id())).isEmpty();
        assertThat(store.withPendingEffects()).containsExactly(second.id());
    }

    /** The commit and, in the same step, the outbox as it then stands: earlier effects first; nothing on a conflict. */
    @Test
    void commitAndPendingAnswersTheOutboxAfterTheCommit() {
        Incident v1 = store.create(declared(store.nextId()));
        Incident v2 = store.commit(Change.of(v1, v1).effects(List.of(post("a1", "1")))).orElseThrow();
        IncidentStore.Committed committed = anotherClientOf(store)
                .commitAndPending(Change.of(v2, v2).effects(List.of(post("a2", "2"), post("a3", "3")))).orElseThrow();
        assertThat(committed.incident()).isEqualTo(store.find(v1.id()).orElseThrow());
        assertThat(committed.pending()).containsExactly(post("a1", "1"), post("a2", "2"), post("a3", "3"));
        assertThat(store.commitAndPending(Change.of(v2, v2).effects(List.of(post("a4", "4"))))).as("stale").isEmpty();
        assertThat(store.pendingEffects(v1.id())).extracting(Effect::key).containsExactly("a1", "a2", "a3");
    }

    /**
     * {@link IncidentStore#completeEffect} either writes nothing and says so (the caller completes the
     * key and calls effectDone) or takes the effect out as effectDone does; the key's side is checked
     * where the store keeps keys (Redis).
     */
    @Test
    void completeEffectTakesTheEffectOutOrLeavesEverything() {
        Incident first = store.create(declared(store.nextId()));
        store.commit(Change.of(first, first).effects(List.of(post("a1", "1"), post("a2", "2")))).orElseThrow();

        boolean taken = anotherClientOf(store).completeEffect(first.id(), "a1", Duration.ofMinutes(5));
        assertThat(store.pendingEffects(first.id())).extracting(Effect::key)
                .containsExactlyElementsOf(taken ? List.of("a2") : List.of("a1", "a2"));
        if (taken) {
            store.completeEffect(first.id(), "a2", Duration.ofMinutes(5));
            assertThat(store.pendingEffects(first.id())).isEmpty();
            assertThat(store.withPendingEffects()).isEmpty();
        }
    }
}
