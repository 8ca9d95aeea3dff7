package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.SetupProgress;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentStore} does with one write at a time, whatever it stores in: ids, the
 * round trip of every field, lookups by channel and the open index, compare-and-set, the timeline.
 * Implementations extend {@link IncidentStoreContract}, which adds racing writers and commits.
 */
public abstract class IncidentRecordsContract {

    protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    protected static final Member ALICE = new Member("console", "U1", "alice");
    protected static final ChannelRef CHANNEL = new ChannelRef("console", "inc-1-db", "inc-1-db");

    protected IncidentStore store;

    /** A new, empty store: its own workspace, sharing nothing with the stores made before. */
    protected abstract IncidentStore newStore();

    /** Another client of the same store, as a second replica has (its own connection, say). */
    protected abstract IncidentStore anotherClientOf(IncidentStore store);

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    protected static Incident declared(IncidentId id) {
        return Incident.declare(id, "Database down", Severity.SEV2, false, ALICE, T0, Duration.ofMinutes(30));
    }

    @Test
    void idsAreSequentialPerWorkspace() {
        assertThat(store.nextId()).isEqualTo(new IncidentId(1));
        assertThat(store.nextId()).isEqualTo(new IncidentId(2));
        assertThat(anotherClientOf(store).nextId()).isEqualTo(new IncidentId(3));
        assertThat(newStore().nextId()).isEqualTo(new IncidentId(1));
    }

    @Test
    void aCreatedIncidentIsVersionOneAndFoundByItsId() {
        Incident created = store.create(declared(store.nextId()));
        assertThat(created.version()).isEqualTo(1);
        assertThat(store.find(created.id())).contains(created);
        assertThat(store.find(new IncidentId(99))).isEmpty();
    }

    @Test
    void creatingAnExistingIdFails() {
        Incident incident = store.create(declared(store.nextId()));
        Incident other = store.replace(incident, incident.withRole("ops", ALICE)).orElseThrow();
        assertThatThrownBy(() -> store.create(incident)).hasMessageContaining("already exists");
        assertThat(store.find(incident.id())).contains(other);
    }

    @Test
    void setupProgressSurvivesTheRoundTrip() {
        Incident incident = store.create(declared(store.nextId()).withChannel(CHANNEL));
        var progress = incident.setup().with(SetupProgress.Step.TOPIC).withKickoff("1234");
        Incident stored = store.replace(incident, incident.withSetup(progress)).orElseThrow();
        Incident read = store.find(incident.id()).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.setup().kickoff()).isEqualTo("1234");
        assertThat(read.setup().missing()).containsExactly(SetupProgress.Step.INVITE,
                SetupProgress.Step.COMMANDER_ROLE,
                SetupProgress.Step.PIN,
                SetupProgress.Step.ANNOUNCEMENT);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Incident incident = store.create(declared(store.nextId()).withChannel(CHANNEL));
        Incident full = incident.withRole("comms", new Member("console", "U2", "bob"))
                .withUpdate(new StatusUpdate(T0.plusSeconds(60), ALICE, "c", "s", "v", "a", "r", "i", Status.IDENTIFIED,
                        Duration.ofMinutes(20)), Duration.ofMinutes(15))
                .movedTo(Status.IDENTIFIED, Duration.ofMinutes(15), T0.plusSeconds(60), true)
                .withActionItem(new ActionItem(1, "canary", ALICE, LocalDate.parse("2026-12-01"), false, T0, ALICE))
                .reminded(2);
        Incident stored = store.replace(incident, full).orElseThrow();

        Incident read = store.find(incident.id()).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.updates().get(0).next()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void channelLookupAndOpenIndexFollowWrites() {
        Incident incident = store.create(declared(store.nextId()));
        assertThat(store.findByChannel(CHANNEL)).isEmpty();
        Incident withChannel = store.replace(incident, incident.withChannel(CHANNEL)).orElseThrow();
        assertThat(store.findByChannel(CHANNEL)).contains(withChannel);
        assertThat(store.open()).containsExactly(withChannel);

        Incident resolved = store.replace(withChannel, withChannel.resolved("done", T0.plusSeconds(600))).orElseThrow();
        assertThat(store.open()).isEmpty();
        // A resolved incident's channel still leads to it: notes and the postmortem work there.
        assertThat(store.findByChannel(CHANNEL)).contains(resolved);
    }

    /** A channel is its platform's id: renamed, it still leads to its incident; the same id elsewhere does not. */
    @Test
    void aChannelIsFoundByItsPlatformAndIdWhateverItIsCalledNow() {
        Incident incident = store.create(declared(store.nextId()).withChannel(CHANNEL));
        assertThat(store.findByChannel(new ChannelRef("console", CHANNEL.id(), "renamed"))).contains(incident);
        assertThat(store.findByChannel(new ChannelRef("slack", CHANNEL.id(), CHANNEL.name()))).isEmpty();
    }

    @Test
    void openIncidentsComeOldestFirst() {
        List<Incident> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(store.create(declared(store.nextId())));
        }
        Incident third = created.get(2);
        store.replace(third, third.resolved("done", T0.plusSeconds(60))).orElseThrow();
        created.remove(2);
        assertThat(store.open()).containsExactlyElementsOf(created);
    }

    @Test
    void aStaleWriteIsRefusedAndChangesNothing() {
        Incident v1 = store.create(declared(store.nextId()));
        Incident v2 = store.replace(v1, v1.withSeverity(Severity.SEV1, Duration.ofMinutes(15), T0)).orElseThrow();
        assertThat(store.replace(v1, v1.withRole("ops", ALICE))).isEmpty();
        assertThat(store.find(v1.id())).contains(v2);
        Incident v3 = store.replace(v2, v2.withRole("ops", ALICE)).orElseThrow();
        assertThat(v3.version()).isEqualTo(3);
    }

    @Test
    void anIncidentNeverCreatedCannotBeReplaced() {
        Incident ghost = declared(store.nextId()).withVersion(1);
        assertThat(store.replace(ghost, ghost.withRole("ops", ALICE))).isEmpty();
        assertThat(store.find(ghost.id())).isEmpty();
    }

    @Test
    void oneIncidentCannotReplaceAnother() {
        Incident first = store.create(declared(store.nextId()));
        Incident second = store.create(declared(store.nextId()));
        assertThatThrownBy(() -> store.replace(first, second)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void timelineIsAppendOnlyAndOrdered() {
        IncidentId id = store.create(declared(store.nextId())).id();
        assertThat(store.timeline(id)).isEmpty();
        for (int i = 0; i < 5; i++) {
            store.append(id, new TimelineEntry(T0.plusSeconds(i), ALICE, TimelineEntry.Kind.NOTE, "note " + i));
        }
        assertThat(store.timeline(id)).extracting(TimelineEntry::text)
                .containsExactly("note 0", "note 1", "note 2", "note 3", "note 4");
        assertThat(store.timeline(id).get(0)).isEqualTo(
                new TimelineEntry(T0, ALICE, TimelineEntry.Kind.NOTE, "note 0"));
        assertThat(store.timeline(store.nextId())).isEmpty();
    }
}
