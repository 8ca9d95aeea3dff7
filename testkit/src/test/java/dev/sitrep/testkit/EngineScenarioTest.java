package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static dev.sitrep.testkit.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The rules users expect, run through the engine on the in-memory ports (milliseconds each). */
class EngineScenarioTest {

    private final EngineHarness h = EngineHarness.fresh();

    private ChannelRef start(String text) {
        h.run("alice", GENERAL, "start " + text);
        long n = h.store.open().stream().mapToLong(i -> i.id().number()).max().orElseThrow();
        return h.channelOf(n);
    }

    /** The stored incident and its timeline; a rejected command must leave both exactly as they were. */
    private record Snapshot(Incident incident, List<TimelineEntry> timeline, @Nullable Instant due) {
    }

    private Snapshot snapshot(long n) {
        return new Snapshot(h.incident(n), h.store.timeline(new IncidentId(n)), h.dueOf(new IncidentId(n)));
    }

    private void assertRejected(String who, ChannelRef where, String text, String problem, Verb verb) {
        h.platform.clear();
        Snapshot before = snapshot(1);
        h.run(who, where, text);
        assertThat(h.platform.sent()).as(text).hasSize(1);
        assertThat(h.platform.sent().get(0).where()).isEqualTo("private:" + who);
        Messages.CommandRejected rejected = h.platform.rejections().get(0);
        assertThat(rejected.problem()).contains(problem);
        assertThat(rejected.verb()).isEqualTo(verb);
        assertThat(snapshot(1)).as("nothing stored changed after: " + text).isEqualTo(before);
    }

    @Test
    void startDeclaresOpensAnnouncesAndArms() {
        h.run("alice", GENERAL, "start Checkout errors sev1");

        Incident incident = h.incident(1);
        assertThat(incident.title()).isEqualTo("Checkout errors");
        assertThat(incident.severity()).isEqualTo(Severity.SEV1);
        assertThat(incident.commander()).map(m -> m.id()).contains("alice");
        assertThat(incident.channelOn("console")).map(ChannelRef::name).contains("inc-1-checkout-errors");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where).containsExactly(
                "open:inc-1-checkout-errors", "invite:inc-1-checkout-errors:alice",
                "commander:inc-1-checkout-errors:alice", "topic:#inc-1-checkout-errors",
                "#inc-1-checkout-errors", "pin:#inc-1-checkout-errors", "broadcast", "private:alice");
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
        assertThat(h.platform.sent(Messages.Announcement.class)).hasSize(1);
        assertThat(h.dueOf(incident.id())).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(h.store.timeline(incident.id())).extracting(TimelineEntry::kind)
                .containsExactly(TimelineEntry.Kind.DECLARED, TimelineEntry.Kind.ROLE);
        assertThat(incident.setup().complete()).isTrue();
        assertThat(h.platform.sent(Messages.CommandAccepted.class).get(h.platform.sent(Messages.CommandAccepted.class)
                .size() - 1)).satisfies(answer -> {
                    assertThat(answer.text()).isEqualTo("Declared INC-1; you are its commander.");
                    assertThat(answer.channel().name()).isEqualTo("inc-1-checkout-errors");
                });

        h.run("bob", GENERAL, "start Search is slow");
        assertThat(h.incident(2).severity()).isEqualTo(Severity.SEV3);
        assertThat(h.dueOf(new IncidentId(2))).isEqualTo(T0.plus(Duration.ofMinutes(60)));
    }

    /**
     * Issue 15 §3: in a burst the platform makes channel creation wait in line. The declarer hears at
     * once, in plain words, that the incident is recorded and where it stands, and again when it is ready.
     */
    @Test
    void aDeclarerWaitingInThePlatformsLineIsToldAtOnceAndAgainWhenReady() {
        h.platform.paceChannelCreation(new dev.sitrep.commands.port.Waiting("Slack", "channel creation", 12,
                Duration.ofMillis(39_200)));
        h.run("alice", GENERAL, "start Checkout errors sev1");

        List<String> told = h.platform.sent().stream().filter(s -> s.where().equals("private:alice"))
                .map(s -> ((Messages.CommandAccepted) s.message()).text()).toList();
        assertThat(told).containsExactly(
                "INC-1 is recorded; Slack is pacing channel creation, yours is 12th in line, about 40 s. You will be"
                        + " told here when its channel is ready.",
                "Declared INC-1; you are its commander.");
        // Told before the channel existed: the notice comes first of all the platform saw.
        assertThat(h.platform.sent().get(0).where()).isEqualTo("private:alice");
        assertThat(h.incident(1).setup().complete()).isTrue();
    }

    /** Each setup step after the channel, refused in turn: every other step still runs and the answer names it. */
    @Test
    void aRefusedSetupStepDoesNotStopTheOthersAndTheCallerIsToldWhatToGrant() {
        Map<String, String> stepOfCall = Map.of("invite", "invite:inc-1-checkout-errors:alice",
                "commander", "commander:inc-1-checkout-errors:alice", "topic", "topic:#inc-1-checkout-errors",
                "post", "#inc-1-checkout-errors", "pin", "pin:#inc-1-checkout-errors", "announce", "broadcast");
        Map<String, String> phraseOfCall = Map.of("invite", "invite you to the channel",
                "commander", "give you the commander role", "topic", "set the channel topic",
                "post", "post the kick-off", "pin", "pin the kick-off",
                "announce", "announce the incident in the broadcast channel");
        for (String refused : stepOfCall.keySet()) {
            EngineHarness fresh = EngineHarness.fresh();
            String grant = "it lacks the permission " + refused.toUpperCase(java.util.Locale.ROOT) + "; grant it to sitrep";
            fresh.platform.refuse(refused, grant);
            fresh.run("alice", GENERAL, "start Checkout errors sev1");

            List<String> expected = new java.util.ArrayList<>(stepOfCall.values());
            expected.remove(stepOfCall.get(refused));
            if (refused.equals("post")) {
                expected.remove("pin:#inc-1-checkout-errors");
            }
            assertThat(fresh.platform.sent()).as("refused " + refused).extracting(RecordingPlatform.Sent::where)
                    .containsAll(expected).contains("private:alice").doesNotContain(stepOfCall.get(refused));
            String answer = fresh.platform.sent(Messages.CommandAccepted.class).stream()
                    .map(Messages.CommandAccepted::text).filter(t -> t.startsWith("Declared INC-1")).findFirst().orElseThrow();
            assertThat(answer).as("refused " + refused).contains(phraseOfCall.get(refused) + ": " + grant)
                    .contains("run the same /incident start again");
            assertThat(fresh.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text).as("refused " + refused)
                    .contains("Setup: could not " + phraseOfCall.get(refused) + ": " + grant);
            assertThat(fresh.incident(1).setupUnfinished("console")).isTrue();
            assertThat(fresh.store.open()).hasSize(1);
        }
    }

    @Test
    void anAnswerThatCannotBeDeliveredStillLeavesTheIncidentSetUp() {
        h.platform.refuse("reply", "the caller left the workspace");
        h.run("alice", GENERAL, "start Checkout errors sev1");
        assertThat(h.incident(1).setup().complete()).isTrue();
        assertThat(h.platform.sent(Messages.Announcement.class)).hasSize(1);
    }

    /**
     * A pin and an announcement the platform refused: once granted, the same start finishes INC-1 —
     * no second incident or channel, no second kick-off, the first kick-off pinned — and says what it finished.
     */
    @Test
    void runningTheSameStartAgainFinishesTheStepsThatFailedAfterTheChannel() {
        h.platform.refuse("pin", "lacks Pin Messages");
        h.platform.refuse("announce", "lacks Send Messages in #incidents");
        h.run("alice", GENERAL, "start Checkout errors sev1");
        String kickoffId = h.incident(1).setup().kickoff();
        assertThat(kickoffId).isNotNull();
        assertThat(h.dueOf(new IncidentId(1))).isEqualTo(T0.plus(Duration.ofMinutes(15)));

        h.platform.allow("pin");
        h.platform.allow("announce");
        h.platform.clear();
        h.clock.advance(Duration.ofMinutes(2));
        h.run("alice", GENERAL, "start Checkout errors sev1");

        assertThat(h.store.open()).extracting(i -> i.id().number()).containsExactly(1L);
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .containsExactly("pin:#inc-1-checkout-errors", "broadcast", "private:alice");
        assertThat(((Messages.CommandAccepted) h.platform.sent().get(0).message()).text()).isEqualTo(kickoffId);
        assertThat(h.platform.sent(Messages.CommandAccepted.class).get(1).text()).isEqualTo("Finished setting up INC-1:"
                + " pin the kick-off, announce the incident in the broadcast channel.");
        assertThat(h.platform.sent(Messages.CommandAccepted.class).get(1).channel().name()).isEqualTo("inc-1-checkout-errors");
        assertThat(h.incident(1).setup().complete()).isTrue();
        assertThat(h.dueOf(new IncidentId(1))).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aKickoffThatFailedIsPostedAndPinnedByTheRerunAndTheAnnouncementIsNotDoubled() {
        h.platform.refuse("post", "lacks Send Messages");
        h.run("alice", GENERAL, "start Checkout errors sev1");
        assertThat(h.platform.sent(Messages.Announcement.class)).hasSize(1);
        assertThat(h.incident(1).setup().kickoff()).isNull();

        h.platform.allow("post");
        h.platform.clear();
        h.run("alice", GENERAL, "start Checkout errors sev1");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .containsExactly("#inc-1-checkout-errors", "pin:#inc-1-checkout-errors", "private:alice");
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
        assertThat(h.incident(1).setup().complete()).isTrue();
    }

    /** A start sent twice in a hurry: while the first still sets INC-1 up, the second changes nothing. */
    @Test
    void aSecondStartWhileTheFirstIsStillSettingUpIsRejected() {
        h.platform.refuse("announce", "lacks Send Messages in #incidents");
        h.run("alice", GENERAL, "start Checkout errors sev1");
        // As the first start's replica does while it is still working on the setup.
        assertThat(h.once.begin("setup:1", Duration.ofMinutes(1))).isTrue();
        h.platform.allow("announce");
        assertRejected("alice", GENERAL, "start Checkout errors sev1", "INC-1 is being set up right now", Verb.START);
        assertThat(h.store.open()).hasSize(1);

        h.once.abandon("setup:1");
        h.run("alice", GENERAL, "start Checkout errors sev1");
        assertThat(h.incident(1).setup().complete()).isTrue();
    }

    /**
     * No channel could be made and the reminder came due meanwhile: it is not counted as sent (no
     * REMINDER on the timeline, no count on the incident), and once the same start makes the channel
     * the reminder is posted there once, saying how many cadences were missed.
     */
    @Test
    void aReminderWithoutAChannelIsNotCountedAndIsPostedOnceTheChannelExists() {
        h.platform.refuse("open", "lacks Manage Channels");
        h.run("alice", GENERAL, "start Checkout errors sev1");
        assertThat(h.platform.rejections().get(0).problem()).contains("INC-1 is recorded, but its channel could not be made");

        h.clock.advance(Duration.ofMinutes(20));
        assertThat(h.keeper.tick()).isZero();
        assertThat(h.incident(1).remindersSent()).isZero();
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::kind)
                .doesNotContain(TimelineEntry.Kind.REMINDER, TimelineEntry.Kind.ESCALATION);
        assertThat(h.dueOf(new IncidentId(1))).isEqualTo(T0.plus(Duration.ofMinutes(30)));

        h.clock.advance(Duration.ofMinutes(12));
        assertThat(h.keeper.tick()).isZero();
        h.platform.allow("open");
        h.platform.clear();
        h.run("alice", GENERAL, "start Checkout errors sev1");
        assertThat(h.store.open()).hasSize(1);
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);

        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.keeper.tick()).isZero();
        Messages.UpdatesEscalated escalated = h.platform.sent(Messages.UpdatesEscalated.class).get(0);
        assertThat(escalated.missed()).isEqualTo(2);
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text)
                .containsOnlyOnce("Escalated: update overdue, 2 missed cadences");
    }

    @Test
    void aPrivateIncidentGetsAPrivateChannelAndAnAnnouncementThatKnowsIt() {
        h.run("alice", GENERAL, "start Leaked signing key sev2 private");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .contains("open:inc-1-leaked-signing-key:private");
        assertThat(h.platform.sent(Messages.Announcement.class).get(0).incident().privateIncident()).isTrue();
    }

    @Test
    void onlyTheCommanderOrAnAdminHandsOverCommand() {
        ChannelRef channel = start("Checkout errors sev1");
        assertRejected("bob", channel, "commander @carol", "Only the commander (alice) or an admin can hand over",
                Verb.COMMANDER);

        h.platform.clear();
        h.run("alice", channel, "commander @bob");
        assertThat(h.incident(1).commander()).map(m -> m.id()).contains("bob");
        assertThat(h.platform.sent(Messages.RoleAssigned.class).get(0).previous().id()).isEqualTo("alice");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .contains("invite:inc-1-checkout-errors:bob", "topic:#inc-1-checkout-errors");

        h.run("root", channel, "commander @dave");
        assertThat(h.incident(1).commander()).map(m -> m.id()).contains("dave");
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text)
                .contains("bob is commander (was alice)", "dave is commander (was bob)");
    }

    @Test
    void badRolesAndMembersAreRejectedWithoutChanges() {
        ChannelRef channel = start("Checkout errors sev1");
        assertRejected("alice", channel, "role chef @bob", "There is no role 'chef'", Verb.ROLE);
        assertRejected("alice", channel, "commander @zed", "'@zed' is not a member", Verb.COMMANDER);
        assertRejected("alice", channel, "commander @alice", "alice is already commander", Verb.COMMANDER);
        assertRejected("bob", channel, "role ops @carol", "Only the commander", Verb.ROLE);

        h.run("bob", channel, "role scribe @bob");
        assertThat(h.incident(1).holderOf("scribe")).map(m -> m.id()).contains("bob");
    }

    @Test
    void commandsOutsideAnIncidentChannelSayWhereIncidentsAre() {
        start("Checkout errors sev1");
        assertRejected("bob", GENERAL, "note EU fine", "not an incident channel", Verb.NOTE);
        assertThat(h.platform.rejections().get(0).openIncidents()).extracting(i -> i.id().number()).containsExactly(1L);
    }

    @Test
    void updatesComeFromTheCommanderOrComms() {
        ChannelRef channel = start("Checkout errors sev1");
        assertRejected("bob", channel, "update confirmed: it is down", "Only the commander or the comms role", Verb.UPDATE);
        assertRejected("alice", channel, "update", "no update form", Verb.UPDATE);
        assertRejected("alice", channel, "update confirmed: x | status: resolved", "An update cannot resolve", Verb.UPDATE);

        h.run("alice", channel, "role comms @bob");
        h.clock.advance(Duration.ofMinutes(3));
        h.platform.clear();
        h.run("bob", channel, "update confirmed: 502s | suspected: deploy | status: identified | next: 5m");

        Incident incident = h.incident(1);
        assertThat(incident.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(incident.updates()).hasSize(1);
        assertThat(incident.acknowledgedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(h.dueOf(incident.id())).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        assertThat(h.platform.sent()).filteredOn(s -> s.message() instanceof Messages.UpdatePosted)
                .extracting(RecordingPlatform.Sent::where).containsExactly("#inc-1-checkout-errors", "broadcast");
    }

    @Test
    void statusOnlyMovesForward() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("alice", channel, "status monitoring");
        assertThat(h.incident(1).mitigatedAt()).isEqualTo(T0);
        assertRejected("alice", channel, "status identified", "only moves forward", Verb.STATUS);
        assertRejected("alice", channel, "status monitoring", "only moves forward", Verb.STATUS);
    }

    @Test
    void anUpdateMarkedPublicIsRecordedSoAndItsAuthorIsToldWhatCustomersNowRead() {
        ChannelRef channel = start("Checkout errors sev1");
        h.platform.clear();
        h.run("alice", channel, "update confirmed: payments deploy | impact: EU cannot pay");
        assertThat(h.incident(1).updates().get(0).publicUpdate()).isFalse();
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).isEmpty();

        h.run("alice", channel, "update impact: EU cannot pay | public: yes");
        assertThat(h.incident(1).updates().get(1).publicUpdate()).isTrue();
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).extracting(Messages.CommandAccepted::text)
                .containsExactly("This update of INC-1 is public: the status page shows the title \"Checkout errors\""
                        + " and the impact \"EU cannot pay\". Its other fields stay internal.");
        assertThat(h.store.timeline(h.incident(1).id()).get(h.store.timeline(h.incident(1).id()).size() - 1).text())
                .isEqualTo("impact: EU cannot pay | public: yes");

        assertRejected("alice", channel, "update impact: x | public: perhaps", "'public: perhaps' takes yes or no.",
                Verb.UPDATE);
    }

    @Test
    void resolveIsForTheCommanderAndFilesThePostmortem() {
        ChannelRef channel = start("Checkout errors sev1");
        h.clock.advance(Duration.ofMinutes(4));
        h.run("alice", channel, "update confirmed: 502s | impact: EU cannot pay");
        h.clock.advance(Duration.ofMinutes(20));
        h.run("alice", channel, "status monitoring");
        h.clock.advance(Duration.ofMinutes(10));
        assertRejected("bob", channel, "resolve", "Only the commander (alice) or an admin can resolve", Verb.RESOLVE);

        h.platform.clear();
        h.run("alice", channel, "resolve Rolled back");
        Incident incident = h.incident(1);
        assertThat(incident.status()).isEqualTo(Status.RESOLVED);
        assertThat(incident.summary()).isEqualTo("Rolled back");
        // The update rhythm is over; the timer now waits for the postmortem (5 days by default).
        assertThat(h.dueOf(incident.id())).isEqualTo(incident.resolvedAt().plus(Duration.ofDays(5)));
        assertThat(h.store.open()).isEmpty();

        Durations durations = h.platform.sent(Messages.Resolved.class).get(0).durations();
        assertThat(durations).isEqualTo(new Durations(Duration.ofMinutes(4), Duration.ofMinutes(24),
                Duration.ofMinutes(34)));
        assertThat(h.platform.sent(Messages.ResolvedBroadcast.class)).hasSize(1);
        assertThat(h.filed).hasSize(1);
        assertThat(h.filed.get(0).timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.DECLARED,
                TimelineEntry.Kind.UPDATE, TimelineEntry.Kind.STATUS, TimelineEntry.Kind.RESOLVED);
        assertThat(h.filed.get(0).impact()).isEqualTo("EU cannot pay");
        assertThat(h.platform.sent(Messages.PostmortemFiled.class).get(0).documents()).extracting(d -> d.url())
                .containsExactly("https://tracker.example/INC-1", "https://memory.example/INC-1");
        assertThat(h.store.timeline(incident.id()).get(h.store.timeline(incident.id()).size() - 1).text())
                .isEqualTo("Postmortem filed in memory: https://memory.example/INC-1");

        assertRejected("alice", channel, "resolve", "already resolved", Verb.RESOLVE);
        assertRejected("alice", channel, "update confirmed: late", "is resolved", Verb.UPDATE);

        // Notes and the postmortem still work in the channel of a resolved incident.
        h.run("bob", channel, "note customer comms sent");
        h.run("bob", channel, "postmortem");
        assertThat(h.filed).hasSize(2);
    }

    @Test
    void aResolvedIncidentCanBeReopenedByItsCommander() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("alice", channel, "resolve");
        assertRejected("bob", channel, "status investigating", "Only the commander (alice) or an admin can reopen",
                Verb.STATUS);
        h.clock.advance(Duration.ofMinutes(30));
        h.run("alice", channel, "status investigating");
        Incident incident = h.incident(1);
        assertThat(incident.status()).isEqualTo(Status.INVESTIGATING);
        assertThat(incident.resolvedAt()).isNull();
        assertThat(h.store.open()).hasSize(1);
        assertThat(h.dueOf(incident.id())).isEqualTo(T0.plus(Duration.ofMinutes(45)));
        assertThat(Durations.of(incident).timeToResolve()).isNull();
    }

    @Test
    void actionItemsAndNotesGoOnTheTimeline() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("carol", channel, "action Add a canary stage @bob due:2026-12-01");
        h.run("carol", channel, "action Write the runbook");
        h.run("dave", channel, "note EU looks fine");
        assertRejected("carol", channel, "action Fix @zed", "'@zed' is not a member", Verb.ACTION);

        Incident incident = h.incident(1);
        assertThat(incident.actionItems()).extracting(a -> a.number() + " " + a.text()).containsExactly(
                "1 Add a canary stage", "2 Write the runbook");
        assertThat(incident.actionItems().get(0).owner().id()).isEqualTo("bob");
        assertThat(h.store.timeline(incident.id())).extracting(TimelineEntry::kind).endsWith(
                TimelineEntry.Kind.ACTION, TimelineEntry.Kind.ACTION, TimelineEntry.Kind.NOTE);
    }

    @Test
    void theRhythmRemindsThenEscalatesAndUpdatesReArmIt() {
        ChannelRef channel = start("Checkout errors sev1");
        h.platform.clear();
        h.clock.advance(Duration.ofMinutes(14));
        assertThat(h.keeper.tick()).isZero();
        // The loop sleeps until the reminder is due, never longer than its poll interval.
        assertThat(h.keeper.untilNextDue(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(1));
        assertThat(h.keeper.untilNextDue(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));

        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.platform.sent(Messages.UpdateOverdue.class)).hasSize(1);
        assertThat(h.keeper.tick()).isZero();

        h.clock.advance(Duration.ofMinutes(15));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.platform.sent()).filteredOn(s -> s.message() instanceof Messages.UpdatesEscalated)
                .extracting(RecordingPlatform.Sent::where).containsExactly("#inc-1-checkout-errors");
        assertThat(h.platform.sent(Messages.OverdueBroadcast.class)).hasSize(1);
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::kind)
                .contains(TimelineEntry.Kind.REMINDER, TimelineEntry.Kind.ESCALATION);

        // An update starts the count over.
        h.run("alice", channel, "update confirmed: still down | next: 10m");
        h.platform.clear();
        h.clock.advance(Duration.ofMinutes(9));
        assertThat(h.keeper.tick()).isZero();
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.platform.sent(Messages.UpdateOverdue.class)).hasSize(1);
        assertThat(h.platform.sent(Messages.UpdatesEscalated.class)).isEmpty();
    }

    /**
     * Two hours without the bot (an outage) while a SEV1 wanted an update every 15 minutes: one
     * escalation in the channel and one on the broadcast channel say that 8 cadences were missed,
     * and the timer waits for the next cadence still to come.
     */
    @Test
    void afterAnOutageMissedCadencesCollapseIntoOneMessage() {
        start("Checkout errors sev1");
        h.platform.clear();
        h.clock.advance(Duration.ofHours(2));

        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.keeper.tick()).isZero();
        assertThat(h.platform.sent(Messages.UpdatesEscalated.class)).extracting(Messages.UpdatesEscalated::missed)
                .containsExactly(8);
        assertThat(h.platform.sent(Messages.OverdueBroadcast.class)).extracting(Messages.OverdueBroadcast::missed)
                .containsExactly(8);
        assertThat(h.platform.sent(Messages.UpdateOverdue.class)).isEmpty();
        assertThat(h.store.timeline(new IncidentId(1))).filteredOn(e -> e.kind() == TimelineEntry.Kind.ESCALATION)
                .extracting(TimelineEntry::text).containsExactly("Escalated: update overdue, 8 missed cadences");
        assertThat(h.dueOf(new IncidentId(1))).isEqualTo(T0.plus(Duration.ofMinutes(135)));

        h.clock.advance(Duration.ofMinutes(15));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.platform.sent(Messages.UpdatesEscalated.class)).extracting(Messages.UpdatesEscalated::missed)
                .containsExactly(8, 9);
    }

    @Test
    void snoozeAndSeverityChangesReArmAndResolveCancels() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("alice", channel, "snooze 1h");
        assertThat(h.dueOf(new IncidentId(1))).isEqualTo(T0.plus(Duration.ofHours(1)));
        h.clock.advance(Duration.ofMinutes(30));
        assertThat(h.keeper.tick()).isZero();

        h.run("alice", channel, "severity sev2");
        assertThat(h.dueOf(new IncidentId(1))).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        assertRejected("alice", channel, "severity sev2", "already SEV2", Verb.SEVERITY);
        assertRejected("bob", channel, "snooze 1h", "Only the commander or the comms role", Verb.SNOOZE);

        h.run("alice", channel, "resolve");
        h.clock.advance(Duration.ofHours(5));
        assertThat(h.keeper.tick()).isZero();
    }

    @Test
    void aReminderWhosePostFailedIsPostedOnceAfterTheLease() {
        start("Checkout errors sev1");
        h.platform.clear();
        h.clock.advance(Duration.ofMinutes(15));
        h.platform.failNextPosts(1);
        assertThat(h.keeper.tick()).isZero();
        assertThat(h.platform.sent(Messages.UpdateOverdue.class)).isEmpty();
        // Not lost: the claim's lease runs out and the next tick posts it, once.
        h.clock.advance(Duration.ofSeconds(31));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.keeper.tick()).isZero();
        assertThat(h.platform.sent(Messages.UpdateOverdue.class)).hasSize(1);
        assertThat(h.store.timeline(new IncidentId(1))).filteredOn(e -> e.kind() == TimelineEntry.Kind.REMINDER).hasSize(1);
    }

    @Test
    void aCommandWhosePostFailsAfterItsCommitIsToldItIsLateAndATickAfterTheWaitPostsItOnce() {
        ChannelRef channel = start("Checkout errors sev1");
        h.platform.clear();
        h.platform.failNextPosts(1);
        h.run("alice", channel, "note rolled back payments 4.2");
        assertThat(h.platform.sent(Messages.NoteAdded.class)).isEmpty();
        assertThat(h.platform.rejections()).isEmpty();
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).extracting(Messages.CommandAccepted::text)
                .singleElement().asString().contains("recorded on INC-1", "could not post it in this channel yet",
                        "run the command again");
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text)
                .anyMatch(t -> t.contains("rolled back payments 4.2"));
        h.keeper.tick();
        assertThat(h.platform.sent(Messages.NoteAdded.class)).as("not before the first wait after a failure").isEmpty();
        h.clock.advance(EffectRetries.DEFAULTS.firstWait());
        h.keeper.tick();
        assertThat(h.platform.sent(Messages.NoteAdded.class)).extracting(Messages.NoteAdded::text)
                .containsExactly("rolled back payments 4.2");
    }

    @Test
    void theCommanderIsAskedForThePostmortemUntilItIsMarkedDone() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("carol", channel, "action Add a canary stage @bob due:2026-11-25");
        assertRejected("alice", channel, "postmortem done", "is still open; resolve it first", Verb.POSTMORTEM);
        h.run("alice", channel, "resolve");
        h.platform.clear();
        h.clock.advance(Duration.ofDays(5).minusMinutes(1));
        assertThat(h.keeper.tick()).isZero();
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.keeper.tick()).isEqualTo(1);
        Messages.PostmortemOverdue overdue = h.platform.sent(Messages.PostmortemOverdue.class).get(0);
        assertThat(overdue.overdueActions()).extracting(a -> a.text()).containsExactly("Add a canary stage");
        assertThat(h.keeper.tick()).isZero();
        h.clock.advance(Duration.ofDays(1));
        assertThat(h.keeper.tick()).isEqualTo(1);

        h.run("alice", channel, "postmortem done");
        assertThat(h.incident(1).postmortemDone()).isTrue();
        assertThat(h.platform.sent(Messages.PostmortemCompleted.class)).hasSize(1);
        h.clock.advance(Duration.ofDays(3));
        assertThat(h.keeper.tick()).isZero();
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text)
                .contains("Reminded: postmortem not marked done, 1 action item(s) overdue", "Postmortem marked done");
        assertRejected("alice", channel, "postmortem done", "already marked done", Verb.POSTMORTEM);
    }

    @Test
    void aFailingSinkTellsTheCommanderAndResolveStillHappens() {
        ChannelRef channel = start("Checkout errors sev1");
        h.sink.failing = true;
        h.run("alice", channel, "resolve");
        assertThat(h.incident(1).status()).isEqualTo(Status.RESOLVED);
        Messages.PostmortemFilingFailed failed = h.platform.sent(Messages.PostmortemFilingFailed.class).get(0);
        assertThat(failed.sink()).isEqualTo("memory");
        assertThat(failed.error()).isEqualTo("memory is full");
        // The other sink is not held up by the failing one.
        assertThat(h.platform.sent(Messages.PostmortemFiled.class)).singleElement()
                .satisfies(f -> assertThat(f.documents()).extracting(d -> d.sink()).containsExactly("tracker"));
        h.sink.failing = false;
        h.run("alice", channel, "postmortem");
        assertThat(h.platform.sent(Messages.PostmortemFiled.class)).hasSize(2);
        assertThat(h.incident(1).documents()).containsKey("memory");
    }

    @Test
    void aFilingThatStoppedHalfWayResumesWhereItStopped() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("carol", channel, "action Add a canary stage");
        h.run("carol", channel, "action Write the runbook");
        h.run("carol", channel, "action Alert on 5xx");
        h.tracker.failBeforeItem = 2;
        h.run("alice", channel, "resolve");
        assertThat(h.platform.sent(Messages.PostmortemFilingFailed.class)).extracting(f -> f.sink())
                .containsExactly("tracker");
        // What existed before the failure is stored with the incident ...
        assertThat(h.incident(1).documents().get("tracker").actionItems()).containsOnlyKeys(1);
        assertThat(h.incident(1).actionItems().get(0).link()).isEqualTo("https://tracker.example/INC-1/items/1");

        // ... so running /incident postmortem, as sitrep advises, creates only what is missing.
        h.tracker.failBeforeItem = Integer.MAX_VALUE;
        h.run("alice", channel, "postmortem");
        h.run("alice", channel, "postmortem");
        assertThat(h.tracker.created).containsExactly("document", "item 1", "item 2", "item 3");
        assertThat(h.incident(1).documents().get("tracker").actionItems()).containsOnlyKeys(1, 2, 3);
    }

    @Test
    void otherDocumentsLinkTheActionItemsFromTheirFirstVersionAndTheTimelineHoldsNoServerPaths() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("carol", channel, "action Add a canary stage");
        h.sink.base = "/tmp/sitrep-postmortems/";
        h.run("alice", channel, "resolve");

        // The sink configured first still files after the tracker, so its first version has the links.
        assertThat(h.filed).hasSize(1);
        assertThat(h.filed.get(0).incident().actionItems().get(0).link())
                .isEqualTo("https://tracker.example/INC-1/items/1");
        assertThat(h.filed.get(0).timeline()).extracting(TimelineEntry::text)
                .contains("Postmortem filed in tracker: https://tracker.example/INC-1");
        h.sink.failing = true;
        h.run("alice", channel, "postmortem");
        List<String> timeline = h.store.timeline(new IncidentId(1)).stream().map(TimelineEntry::text).toList();
        assertThat(timeline).contains("Postmortem filed in memory", "Filing the postmortem to memory failed")
                .noneMatch(text -> text.contains("/tmp/") || text.contains("memory is full"));
    }

    @Test
    void actionItemsAreMarkedDoneClosedWhereTrackedAndLeaveTheFollowUps() {
        ChannelRef channel = start("Checkout errors sev1");
        h.run("carol", channel, "action Add a canary stage @bob due:2026-11-25");
        h.run("carol", channel, "action Write the runbook due:2026-11-25");
        h.run("carol", channel, "action Alert on 5xx due:2026-11-25");
        assertRejected("carol", channel, "action done 7", "INC-1 has no action item #7; its items are #1 to #3",
                Verb.ACTION);
        h.run("alice", channel, "resolve");

        h.platform.clear();
        h.run("bob", channel, "action done 1");
        assertThat(h.incident(1).actionItem(1).orElseThrow().done()).isTrue();
        assertThat(h.tracker.closedThere).containsExactly(1);
        Messages.ActionCompleted completed = h.platform.sent(Messages.ActionCompleted.class).get(0);
        assertThat(completed.item().number()).isEqualTo(1);
        assertThat(completed.problems()).isEmpty();
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text)
                .contains("#1 done: Add a canary stage");
        assertRejected("bob", channel, "action done 1", "Action item #1 of INC-1 is already done", Verb.ACTION);

        // The tracker cannot close #2: it is done here all the same, and people learn to close it by hand.
        h.tracker.failingToClose = true;
        h.platform.clear();
        h.run("bob", channel, "action done 2");
        assertThat(h.incident(1).actionItem(2).orElseThrow().done()).isTrue();
        assertThat(h.platform.sent(Messages.ActionCompleted.class).get(0).problems()).singleElement().asString()
                .contains("closing it in tracker failed (tracker refused)")
                .contains("https://tracker.example/INC-1/items/2");

        // #3 was closed in the tracker: the next filing sees it and marks it done here, once.
        h.tracker.closedThere.add(3);
        h.run("alice", channel, "postmortem");
        h.run("alice", channel, "postmortem");
        assertThat(h.incident(1).actionItem(3).orElseThrow().done()).isTrue();
        assertThat(h.store.timeline(new IncidentId(1))).extracting(TimelineEntry::text)
                .containsOnlyOnce("#3 done (closed in tracker)");
        assertThat(h.filed.get(h.filed.size() - 1).incident().actionItems()).allMatch(a -> a.done());

        // The follow-up chases nothing that is finished.
        h.platform.clear();
        h.clock.advance(Duration.ofDays(5));
        assertThat(h.keeper.tick()).isEqualTo(1);
        assertThat(h.platform.sent(Messages.PostmortemOverdue.class).get(0).overdueActions()).isEmpty();
    }

    @Test
    void everyCommandHasAHandler() {
        List<Class<?>> handled = List.copyOf(h.engine.handledCommands());
        assertThat(handled).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
    }

    @Test
    void listAndHelpAnswerPrivately() {
        start("Checkout errors sev1");
        h.platform.clear();
        h.run("bob", GENERAL, "list");
        h.run("bob", GENERAL, "help");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where).containsExactly("private:bob", "private:bob");
        assertThat(h.platform.sent(Messages.OpenIncidents.class).get(0).incidents()).hasSize(1);
        assertThat(h.platform.sent(Messages.HelpText.class).get(0).verbs()).hasSize(Verb.values().length);
    }
}
