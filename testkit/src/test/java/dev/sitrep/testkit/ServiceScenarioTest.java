package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.PageLog;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Services, their checklists and paging their on-call, through the engine on the in-memory ports. */
class ServiceScenarioTest {

    private final EngineHarness h = EngineHarness.fresh();

    private record Snapshot(Incident incident, List<TimelineEntry> timeline, @Nullable Instant due) {
    }

    private Snapshot snapshot(long n) {
        return new Snapshot(h.incident(n), h.store.timeline(new IncidentId(n)), h.dueOf(new IncidentId(n)));
    }

    private Messages.CommandRejected rejectedWithoutChange(String who, ChannelRef where, String text, Verb verb) {
        h.platform.clear();
        Snapshot before = snapshot(1);
        h.run(who, where, text);
        assertThat(h.platform.sent()).as(text).hasSize(1);
        assertThat(h.platform.sent().get(0).where()).isEqualTo("private:" + who);
        Messages.CommandRejected rejected = h.platform.rejections().get(0);
        assertThat(rejected.verb()).isEqualTo(verb);
        assertThat(snapshot(1)).as("nothing stored changed after: " + text).isEqualTo(before);
        return rejected;
    }

    private String lastAnswer() {
        List<Messages.CommandAccepted> answers = h.platform.sent(Messages.CommandAccepted.class);
        return answers.get(answers.size() - 1).text();
    }

    private List<String> timeline(long n) {
        return h.store.timeline(new IncidentId(n)).stream().map(e -> e.kind() + " " + e.text()).toList();
    }

    @Test
    void startWithAServiceShowsRunbookAndChecklistInvitesOwnersAndPagesAtTheThreshold() {
        h.run("alice", GENERAL, "start Payments failing service:checkout");

        Incident incident = h.incident(1);
        assertThat(incident.severity()).as("the service's default severity").isEqualTo(Severity.SEV2);
        assertThat(incident.service().name()).isEqualTo("checkout");
        assertThat(incident.service().runbook()).isEqualTo("https://runbooks.example/checkout");
        assertThat(incident.tasks()).extracting(t -> t.number() + " " + t.text()).containsExactly(
                "1 Check the payment dashboards", "2 Roll back the last deploy", "3 Tell support");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .contains("invite:inc-1-payments-failing:carol", "invite:inc-1-payments-failing:dave",
                        "invite:inc-1-payments-failing:alice");
        assertThat(h.pager.triggers()).containsExactly("trigger sitrep-INC-1-checkout error INC-1 SEV2 Checkout: "
                + "Payments failing (declared at SEV2)");
        assertThat(incident.page("checkout")).map(PageLog::state).contains(PageLog.State.PAGED);
        Messages.Kickoff kickoff = h.platform.sent(Messages.Kickoff.class).get(0);
        assertThat(kickoff.incident().pages()).extracting(PageLog::describe)
                .as("the kick-off is posted after the page went out")
                .containsExactly("paged: checkout on-call (PagerDuty)");
        assertThat(kickoff.incident().tasks()).hasSize(3);
        assertThat(timeline(1)).contains("DECLARED Declared SEV2: Payments failing (service Checkout)",
                "PAGED Paging checkout on-call: declared at SEV2",
                "PAGED Paged checkout on-call (PagerDuty), dedup key sitrep-INC-1-checkout");
        assertThat(lastAnswer()).contains("Declared INC-1").contains("Paged: checkout on-call (PagerDuty).");
    }

    @Test
    void theOwnersGroupIsInvitedOnceRetriedWhenRefusedAndKeptOnTheIncidentForTheKickoff() {
        h.platform.refuse("invite-group", "missing_scope usergroups:read");
        h.run("alice", GENERAL, "start Payments failing service:checkout");

        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .as("the members are invited even though the group was refused")
                .contains("invite:inc-1-payments-failing:carol", "invite:inc-1-payments-failing:dave")
                .doesNotContain("invite-group:inc-1-payments-failing:payments-oncall");
        assertThat(h.platform.sent(Messages.Kickoff.class).get(0).incident().service().ownerGroupOn("console"))
                .as("the kick-off knows the group to mention").isEqualTo("payments-oncall");

        h.platform.allow("invite-group");
        h.clock.advance(EffectRetries.DEFAULTS.firstWait());
        h.keeper.tick();
        h.keeper.tick();
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .filteredOn(w -> w.startsWith("invite-group:")).as("invited once the platform takes it, and only once")
                .containsExactly("invite-group:inc-1-payments-failing:payments-oncall");
    }

    @Test
    void aServiceWithItsOwnBroadcastChannelIsAnnouncedThereAndInTheGlobalOneEachOnce() {
        h.run("alice", GENERAL, "start Search is slow service:search");
        ChannelRef channel = h.channelOf(1);
        h.run("alice", channel, "resolve reindexed");
        h.keeper.tick();
        h.keeper.tick();

        assertThat(h.platform.sent()).filteredOn(s -> s.where().startsWith("broadcast"))
                .extracting(s -> s.where() + " " + s.message().getClass().getSimpleName())
                .containsExactly("broadcast Announcement", "broadcast:#search-status Announcement",
                        "broadcast ResolvedBroadcast", "broadcast:#search-status ResolvedBroadcast");

        h.platform.clear();
        h.run("bob", GENERAL, "start Checkout errors service:checkout");
        assertThat(h.platform.sent()).filteredOn(s -> s.where().startsWith("broadcast")).extracting(RecordingPlatform.Sent::where)
                .as("a service without its own channel is announced in the global one only").containsExactly("broadcast");
    }

    @Test
    void belowTheThresholdNothingIsPagedAndAnExplicitSeverityWins() {
        h.run("alice", GENERAL, "start Slow checkout sev3 service:checkout");

        assertThat(h.incident(1).severity()).isEqualTo(Severity.SEV3);
        assertThat(h.pager.calls).isEmpty();
        assertThat(h.incident(1).pages()).isEmpty();
    }

    @Test
    void anUnknownServiceIsRefusedPrivatelyWithTheKnownOnesAndNothingIsDeclared() {
        h.run("alice", GENERAL, "start Payments failing service:chekout");

        assertThat(h.store.open()).isEmpty();
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where).containsExactly("private:alice");
        Messages.CommandRejected rejected = h.platform.rejections().get(0);
        assertThat(rejected.problem()).isEqualTo("There is no service 'chekout'. Known services: checkout, search.");
        assertThat(rejected.verb()).isEqualTo(Verb.START);
        assertThat(h.pager.calls).isEmpty();
    }

    @Test
    void serviceSetLaterBringsChecklistOwnersAndThePage() {
        h.run("alice", GENERAL, "start Payments failing sev1");
        ChannelRef channel = h.channelOf(1);
        assertThat(h.pager.calls).isEmpty();

        h.run("bob", channel, "service checkout");
        assertThat(h.platform.rejections().get(0).problem()).contains("Only the commander");

        h.platform.clear();
        h.run("alice", channel, "service checkout");
        Incident incident = h.incident(1);
        assertThat(incident.service().name()).isEqualTo("checkout");
        assertThat(incident.tasks()).hasSize(3);
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .contains("invite:inc-1-payments-failing:carol", "invite:inc-1-payments-failing:dave",
                        "#inc-1-payments-failing", "topic:#inc-1-payments-failing");
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
        assertThat(h.pager.triggers()).hasSize(1).allMatch(t -> t.startsWith("trigger sitrep-INC-1-checkout critical"));
        assertThat(lastAnswer()).isEqualTo("INC-1 is about Checkout. paged: checkout on-call (PagerDuty).");

        Messages.CommandRejected again = rejectedWithoutChange("alice", channel, "service checkout", Verb.SERVICE);
        assertThat(again.problem()).isEqualTo("INC-1 is already about checkout.");
        Messages.CommandRejected unknown = rejectedWithoutChange("alice", channel, "service nope", Verb.SERVICE);
        assertThat(unknown.problem()).isEqualTo("There is no service 'nope'. Known services: checkout, search.");
    }

    @Test
    void tasksAreTickedAndUntickedWithProgressInTopicTimelineAndPostmortem() {
        h.run("alice", GENERAL, "start Payments failing sev3 service:checkout");
        ChannelRef channel = h.channelOf(1);
        h.platform.clear();

        h.run("bob", channel, "task done 2");
        assertThat(h.incident(1).task(2).orElseThrow().done()).isTrue();
        assertThat(h.incident(1).taskProgress()).isEqualTo("1/3");
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where)
                .containsExactly("topic:#inc-1-payments-failing", "private:bob");
        assertThat(lastAnswer()).isEqualTo("Task 2 done; 1/3 of the checklist done.");
        Messages.Topic topic = (Messages.Topic) h.platform.sent().get(0).message();
        assertThat(topic.incident().taskProgress()).isEqualTo("1/3");

        rejectedWithoutChange("bob", channel, "task done 2", Verb.TASK);
        assertThat(h.platform.rejections().get(0).problem()).isEqualTo("Task 2 of INC-1 is already done.");
        rejectedWithoutChange("bob", channel, "task done 9", Verb.TASK);
        assertThat(h.platform.rejections().get(0).problem()).isEqualTo("INC-1 has no task 9; its tasks are 1 to 3.");
        rejectedWithoutChange("bob", channel, "task finish 1", Verb.TASK);
        assertThat(h.platform.rejections().get(0).problem()).isEqualTo("Unknown mark 'finish': use done or undo.");
        rejectedWithoutChange("bob", channel, "task done", Verb.TASK);
        assertThat(h.platform.rejections().get(0).problem()).isEqualTo("Missing <number>: the number of the step.");

        h.run("carol", channel, "task done 1");
        h.run("bob", channel, "task undo 2");
        assertThat(h.incident(1).taskProgress()).isEqualTo("1/3");
        assertThat(timeline(1)).contains("TASK Task 2 done: Roll back the last deploy (1/3 done)",
                "TASK Task 1 done: Check the payment dashboards (2/3 done)",
                "TASK Task 2 not done after all: Roll back the last deploy (1/3 done)");

        h.run("alice", channel, "resolve rolled back");
        Postmortem postmortem = h.filed.get(h.filed.size() - 1);
        assertThat(postmortem.incident().tasks()).extracting(t -> t.number() + ":" + t.done())
                .containsExactly("1:true", "2:false", "3:false");
    }

    @Test
    void anIncidentWithoutAServiceHasNoTasks() {
        h.run("alice", GENERAL, "start Something odd");
        Messages.CommandRejected rejected = rejectedWithoutChange("alice", h.channelOf(1), "task done 1", Verb.TASK);
        assertThat(rejected.problem()).isEqualTo("INC-1 has no task 1; it has no checklist (set a service with "
                + "/incident service <name>).");
    }

    @Test
    void pagingByHandAndResolvingClosesThePageOnce() {
        h.run("alice", GENERAL, "start Search is slow service:search");
        ChannelRef channel = h.channelOf(1);
        assertThat(h.pager.calls).as("search has no threshold").isEmpty();

        h.platform.clear();
        h.run("alice", channel, "page search");
        assertThat(h.pager.triggers()).containsExactly("trigger sitrep-INC-1-search warning INC-1 SEV3 Search: "
                + "Search is slow (paged by alice)");
        assertThat(lastAnswer()).isEqualTo("Paged search on-call (PagerDuty).");
        assertThat(h.platform.sent(Messages.NoteAdded.class)).extracting(Messages.NoteAdded::text)
                .containsExactly("Paged search on-call (PagerDuty), dedup key sitrep-INC-1-search");

        h.run("alice", channel, "page search");
        assertThat(h.pager.open).as("the same dedup key: one alert").containsOnlyKeys("sitrep-INC-1-search");

        Messages.CommandRejected unknown = rejectedWithoutChange("alice", channel, "page nope", Verb.PAGE);
        assertThat(unknown.problem()).contains("Known services: checkout, search.");
        rejectedWithoutChange("bob", channel, "page search", Verb.PAGE);
        assertThat(h.platform.rejections().get(0).problem()).contains("Only the commander");

        h.run("alice", channel, "resolve fixed");
        assertThat(h.pager.calls).containsOnlyOnce("resolve sitrep-INC-1-search");
        assertThat(h.pager.open).isEmpty();
        assertThat(h.incident(1).page("search")).map(PageLog::state).contains(PageLog.State.RESOLVED);
        assertThat(timeline(1)).contains("PAGED Resolved the page to search on-call");
        h.keeper.tick();
        assertThat(h.pager.calls.stream().filter(c -> c.startsWith("resolve"))).hasSize(1);
    }

    @Test
    void aPageRefusedForGoodIsToldToTheCommanderWithThePagersWordsAndNothingIsLost() {
        h.pager.refuse("Invalid routing key (errors: routing_key is invalid)");
        h.run("alice", GENERAL, "start Payments failing service:checkout");

        Incident incident = h.incident(1);
        assertThat(incident.channelOn("console")).as("the declaration and its setup stand").isPresent();
        assertThat(incident.page("checkout")).map(PageLog::state).contains(PageLog.State.FAILED);
        assertThat(lastAnswer()).contains("Page to checkout on-call failed: PagerDuty refused the page for checkout: "
                + "Invalid routing key (errors: routing_key is invalid)");
        assertThat(timeline(1)).contains("PAGED Could not page checkout on-call: PagerDuty refused the page for "
                + "checkout: Invalid routing key (errors: routing_key is invalid)");
        assertThat(h.platform.sent(Messages.Kickoff.class).get(0).incident().page("checkout"))
                .map(PageLog::state).contains(PageLog.State.FAILED);
        assertThat(h.store.withPendingEffects()).as("a refusal is not retried").isEmpty();

        h.pager.accept();
        h.platform.clear();
        h.run("alice", h.channelOf(1), "page checkout");
        assertThat(lastAnswer()).isEqualTo("Paged checkout on-call (PagerDuty).");
    }

    @Test
    void aPagerThatIsDownIsTriedAgainAfterItsWaitAndPagesOnce() {
        h.pager.failNext(Integer.MAX_VALUE);
        h.run("alice", GENERAL, "start Payments failing service:checkout");
        assertThat(h.incident(1).page("checkout")).map(PageLog::state).contains(PageLog.State.ASKED);
        assertThat(h.store.withPendingEffects()).containsExactly(new IncidentId(1));
        assertThat(lastAnswer()).contains("Declared INC-1").contains("Paging: checkout on-call.");
        assertThat(h.incident(1).channelOn("console")).as("a pager that is down delays nothing").isPresent();
        int tried = h.pager.triggers().size();

        h.pager.accept();
        h.keeper.tick();
        assertThat(h.pager.triggers()).as("not before the first wait after a failure").hasSize(tried);
        h.clock.advance(EffectRetries.DEFAULTS.firstWait());
        h.keeper.tick();
        h.keeper.tick();
        assertThat(h.incident(1).page("checkout")).map(PageLog::state).contains(PageLog.State.PAGED);
        assertThat(h.pager.triggers()).hasSize(tried + 1);
        assertThat(h.pager.open).containsEntry("sitrep-INC-1-checkout", 1);
        assertThat(h.store.withPendingEffects()).isEmpty();
        assertThat(timeline(1).stream().filter(t -> t.startsWith("PAGED Paged"))).hasSize(1);
    }

    @Test
    void aPageStillInTheOutboxWhenTheIncidentIsResolvedWakesNobody() {
        h.pager.failNext(Integer.MAX_VALUE);
        h.run("alice", GENERAL, "start Payments failing service:checkout");
        h.run("alice", h.channelOf(1), "resolve it recovered");
        int tried = h.pager.triggers().size();

        h.pager.accept();
        h.clock.advance(EffectRetries.DEFAULTS.firstWait());
        h.keeper.tick();
        assertThat(h.pager.triggers()).hasSize(tried);
        assertThat(h.store.withPendingEffects()).isEmpty();
        assertThat(h.incident(1).page("checkout")).map(PageLog::state).contains(PageLog.State.RESOLVED);
        assertThat(timeline(1)).contains("PAGED Did not page checkout on-call: the incident was resolved before the "
                + "pager took the page");
    }

    @Test
    void raisingTheSeverityToTheThresholdPagesOnce() {
        h.run("alice", GENERAL, "start Slow checkout sev3 service:checkout");
        h.run("alice", h.channelOf(1), "severity sev2");
        h.run("alice", h.channelOf(1), "severity sev1");

        assertThat(h.pager.triggers()).singleElement().asString()
                .startsWith("trigger sitrep-INC-1-checkout error").endsWith("(raised to SEV2)");
    }

    @Test
    void escalationPagesAServiceThatAsksForItOnce() {
        h.run("alice", GENERAL, "start Slow checkout sev3 service:checkout");
        assertThat(h.pager.calls).isEmpty();

        h.clock.advance(Duration.ofMinutes(61));
        h.keeper.tick();
        assertThat(h.pager.calls).as("one missed update is a reminder, not an escalation").isEmpty();
        h.clock.advance(Duration.ofMinutes(60));
        h.keeper.tick();
        assertThat(h.pager.triggers()).singleElement().asString()
                .startsWith("trigger sitrep-INC-1-checkout warning").endsWith("(updates overdue, 2 missed)");
        h.clock.advance(Duration.ofMinutes(60));
        h.keeper.tick();
        assertThat(h.pager.triggers()).as("paged once").hasSize(1);
    }
}
