package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static dev.sitrep.testkit.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.alert.AlertRule;
import dev.sitrep.commands.alert.AlertRules;
import dev.sitrep.commands.alert.LabelMatcher;
import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.engine.AlertIntake;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Pressed;
import dev.sitrep.commands.incident.Alert;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.AlertMessages;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Buttons;
import dev.sitrep.commands.message.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Alert groups through the routing rules, on the in-memory ports: one incident per group, changes on its timeline. */
class AlertIntakeTest {

    private static final Instant STARTED = T0.minus(Duration.ofMinutes(4));
    private static final ChannelRef TRIAGE = new ChannelRef("console", "C-triage", "triage");

    private static final AlertRules RULES = new AlertRules(List.of(
            new AlertRule("noise", List.of(LabelMatcher.parse("severity=\"info\"")), AlertRule.Action.IGNORE,
                    null, null, Severity.SEV4, null, null, null),
            new AlertRule("look", List.of(LabelMatcher.parse("severity=\"warning\"")), AlertRule.Action.TRIAGE,
                    null, null, Severity.SEV3, null, null, TRIAGE),
            new AlertRule("checkout-more", List.of(LabelMatcher.parse("service=\"checkout\""),
                    LabelMatcher.parse("alertname!=\"CheckoutDown\"")), AlertRule.Action.ATTACH,
                    null, null, Severity.SEV2, "checkout", null, null),
            new AlertRule("page", List.of(LabelMatcher.parse("severity=~\"critical|page\"")), AlertRule.Action.DECLARE,
                    "severity", Map.of("critical", Severity.SEV1), Severity.SEV2, "checkout", null, null)),
            Duration.ofHours(1));

    private final EngineHarness h = EngineHarness.fresh();
    private final InMemoryAlertGroups groups = new InMemoryAlertGroups(h.store, h.clock);
    private final AlertIntake intake = h.engine.alertIntake(RULES, groups);

    private static Alert alert(String fingerprint, String name, boolean firing, String... labels) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("alertname", name));
        for (int i = 0; i < labels.length; i += 2) {
            all.put(labels[i], labels[i + 1]);
        }
        return new Alert("", fingerprint, firing, all, Map.of("summary", name + " on " + fingerprint,
                "runbook_url", "https://runbooks.example/" + name), STARTED, null, "http://prometheus.example/graph", null);
    }

    private static AlertGroup group(String key, Map<String, String> common, Alert... alerts) {
        return new AlertGroup("Alertmanager", key, Map.of("alertname", common.getOrDefault("alertname", "")), common,
                Map.of(), "http://alertmanager.example", Arrays.asList(alerts));
    }

    private static AlertGroup checkoutDown(boolean... firing) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < firing.length; i++) {
            alerts.add(alert("fp" + i, "CheckoutDown", firing[i], "severity", "critical", "service", "checkout",
                    "instance", "web-" + i));
        }
        return group("{}:{alertname=\"CheckoutDown\"}", Map.of("alertname", "CheckoutDown", "severity", "critical",
                "service", "checkout"), alerts.toArray(Alert[]::new));
    }

    private List<TimelineEntry> alertEntries(long number) {
        return h.store.timeline(new IncidentId(number)).stream().filter(e -> e.kind() == TimelineEntry.Kind.ALERT).toList();
    }

    @Test
    void aFiringGroupDeclaresAnIncidentWithItsAlertsInTheKickoff() {
        AlertIntake.Outcome outcome = intake.receive(checkoutDown(true, true));

        assertThat(outcome.kind()).isEqualTo(AlertIntake.Outcome.Kind.DECLARED);
        Incident incident = h.incident(outcome.incident().number());
        assertThat(incident.severity()).as("severity=critical maps to SEV1").isEqualTo(Severity.SEV1);
        assertThat(incident.title()).isEqualTo("CheckoutDown");
        assertThat(incident.alerts()).hasSize(2).allMatch(a -> "checkout".equals(a.service()));
        assertThat(incident.commander()).contains(Member.SITREP);
        assertThat(incident.setup().complete()).as("channel, topic, kick-off, pin, announcement").isTrue();
        Messages.Kickoff kickoff = h.platform.sent(Messages.Kickoff.class).get(0);
        assertThat(kickoff.incident().alerts()).hasSize(2);
        assertThat(alertEntries(incident.id().number())).extracting(TimelineEntry::text)
                .allMatch(t -> t.startsWith("Firing: CheckoutDown {instance=web-"))
                .allMatch(t -> t.contains("runbook https://runbooks.example/CheckoutDown"))
                .hasSize(2);
    }

    @Test
    void repeatsChangeNothingAndLaterNotificationsAddOnlyWhatChanged() {
        IncidentId id = intake.receive(checkoutDown(true)).incident();
        int posts = h.platform.sent().size();
        int entries = h.store.timeline(id).size();

        assertThat(intake.receive(checkoutDown(true)).kind()).isEqualTo(AlertIntake.Outcome.Kind.UPDATED);
        assertThat(h.platform.sent()).as("a repeat posts nothing").hasSize(posts);
        assertThat(h.store.timeline(id)).as("and writes nothing").hasSize(entries);

        intake.receive(checkoutDown(true, true));
        assertThat(h.platform.sent(AlertMessages.AlertsChanged.class)).singleElement()
                .satisfies(m -> assertThat(m.firing()).extracting(Alert::fingerprint).containsExactly("fp1"));
        assertThat(h.store.open()).as("still one incident").hasSize(1);

        intake.receive(checkoutDown(false, true));
        intake.receive(checkoutDown(false, true));
        intake.receive(checkoutDown(false, false));
        List<AlertMessages.AlertsChanged> changes = h.platform.sent(AlertMessages.AlertsChanged.class);
        assertThat(changes).hasSize(3);
        assertThat(changes.get(1).resolved()).extracting(Alert::fingerprint).containsExactly("fp0");
        assertThat(changes.get(1).allResolved()).isFalse();
        assertThat(changes.get(2).allResolved()).as("the commander is asked").isTrue();
        assertThat(h.incident(id.number()).status()).as("never resolved by itself").isEqualTo(Status.INVESTIGATING);
        assertThat(alertEntries(id.number())).extracting(TimelineEntry::text).filteredOn(t -> t.startsWith("Resolved: "))
                .hasSize(2);
    }

    @Test
    void replicasReceivingTheSameGroupAtOnceMakeOneIncident() throws Exception {
        EngineHarness.Backend backend = new EngineHarness.Backend(h.store, h.timers, h.once, h::dueOf);
        InMemoryAlertGroups shared = new InMemoryAlertGroups(h.store, h.clock);
        List<AlertIntake> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EngineHarness replica = new EngineHarness(backend, h.clock, h.platform, EngineHarness.settings());
            replicas.add(replica.engine.alertIntake(RULES, shared));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AlertIntake.Outcome>> outcomes = new ArrayList<>();
            for (AlertIntake replica : replicas) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return replica.receive(checkoutDown(true, true));
                }));
            }
            go.countDown();
            List<AlertIntake.Outcome> results = new ArrayList<>();
            for (Future<AlertIntake.Outcome> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(o -> o.kind() == AlertIntake.Outcome.Kind.DECLARED).hasSize(1);
            assertThat(results.stream().map(AlertIntake.Outcome::incident).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(h.store.open()).hasSize(1);
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
        assertThat(alertEntries(h.store.open().get(0).id().number())).hasSize(2);
    }

    @Test
    void ignoreTriageAndUnroutedDeclareNothing() {
        assertThat(intake.receive(group("g-info", Map.of("severity", "info"), alert("a", "Info", true))).kind())
                .isEqualTo(AlertIntake.Outcome.Kind.IGNORED);
        assertThat(intake.receive(group("g-none", Map.of("severity", "debug"), alert("b", "Debug", true))).kind())
                .isEqualTo(AlertIntake.Outcome.Kind.UNROUTED);
        AlertGroup warning = group("g-warn", Map.of("alertname", "DiskFilling", "severity", "warning"),
                alert("c", "DiskFilling", true, "severity", "warning"));
        assertThat(intake.receive(warning).kind()).isEqualTo(AlertIntake.Outcome.Kind.TRIAGED);
        assertThat(intake.receive(warning).kind()).isEqualTo(AlertIntake.Outcome.Kind.TRIAGED);

        assertThat(h.store.open()).isEmpty();
        assertThat(h.platform.sent()).as("one triage post however often the group repeats").singleElement()
                .satisfies(s -> {
                    assertThat(s.where()).isEqualTo("#triage");
                    assertThat(((AlertMessages.AlertTriage) s.message()).declareCommand())
                            .isEqualTo("/incident start DiskFilling sev3");
                });
    }

    @Test
    void attachAddsToTheServicesOpenIncidentElseFallsThrough() {
        AlertGroup latency = group("g-latency", Map.of("alertname", "HighLatency", "service", "checkout",
                "severity", "page"), alert("lat", "HighLatency", true, "service", "checkout"));
        AlertIntake.Outcome alone = intake.receive(latency);
        assertThat(alone.kind()).as("no checkout incident yet: the next rule declares").isEqualTo(AlertIntake.Outcome.Kind.DECLARED);
        assertThat(h.incident(alone.incident().number()).severity()).as("severity=page is not mapped: the default")
                .isEqualTo(Severity.SEV2);

        AlertGroup errors = group("g-errors", Map.of("alertname", "Errors", "service", "checkout", "severity", "page"),
                alert("err", "Errors", true, "service", "checkout"));
        AlertIntake.Outcome attached = intake.receive(errors);
        assertThat(attached.kind()).isEqualTo(AlertIntake.Outcome.Kind.UPDATED);
        assertThat(attached.incident()).isEqualTo(alone.incident());
        assertThat(h.incident(alone.incident().number()).alerts()).extracting(Alert::fingerprint)
                .containsExactly("lat", "err");
        assertThat(h.store.open()).hasSize(1);
    }

    @Test
    void anIncidentDeclaredForAConfiguredServiceGetsItsRunbookChecklistOwnersAndPageLikeStart() {
        IncidentId id = intake.receive(checkoutDown(true)).incident();

        Incident incident = h.incident(id.number());
        assertThat(incident.service()).as("the rule's service, resolved through the catalog").isNotNull();
        assertThat(incident.service().displayName()).isEqualTo("Checkout");
        assertThat(incident.service().runbook()).isEqualTo("https://runbooks.example/checkout");
        assertThat(incident.tasks()).extracting(t -> t.number() + " " + t.text()).containsExactly(
                "1 Check the payment dashboards", "2 Roll back the last deploy", "3 Tell support");
        String channel = h.channelOf(id.number()).name();
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where).as("the owners are invited")
                .contains("invite:" + channel + ":carol", "invite:" + channel + ":dave");
        assertThat(h.pager.triggers()).as("SEV1 is at or above checkout's threshold")
                .containsExactly("trigger sitrep-INC-1-checkout critical INC-1 SEV1 Checkout: CheckoutDown (declared at SEV1)");
        Messages.Kickoff kickoff = h.platform.sent(Messages.Kickoff.class).get(0);
        assertThat(kickoff.incident().tasks()).hasSize(3);
        assertThat(kickoff.incident().service().runbook()).isEqualTo("https://runbooks.example/checkout");
        assertThat(h.store.timeline(id)).extracting(e -> e.kind() + " " + e.text())
                .contains("PAGED Paging checkout on-call: declared at SEV1")
                .anyMatch(t -> t.startsWith("DECLARED ") && t.endsWith(" · service Checkout"));

        intake.receive(checkoutDown(true, true));
        intake.receive(checkoutDown(true, true));
        assertThat(h.pager.triggers()).as("later notifications page nobody again").hasSize(1);
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
    }

    @Test
    void attachFindsTheServicesIncidentAPersonStarted() {
        h.run("alice", GENERAL, "start Payments failing service:checkout");
        AlertGroup errors = group("g-errors", Map.of("alertname", "Errors", "service", "checkout", "severity", "page"),
                alert("err", "Errors", true, "service", "checkout"));

        AlertIntake.Outcome attached = intake.receive(errors);

        assertThat(attached.kind()).as("INC-1 is checkout's, though no alert of it says so").isEqualTo(AlertIntake.Outcome.Kind.UPDATED);
        assertThat(attached.incident()).isEqualTo(new IncidentId(1));
        assertThat(attached.rule()).isEqualTo("checkout-more");
        assertThat(h.incident(1).alerts()).extracting(Alert::fingerprint).containsExactly("err");
        assertThat(h.store.open()).hasSize(1);
        assertThat(alertEntries(1)).extracting(TimelineEntry::text).singleElement()
                .satisfies(t -> assertThat(t).startsWith("Firing: Errors"));
    }

    @Test
    void anyoneTakesCommandAndTimeToAcknowledgeCountsFromTheFirstAlert() {
        IncidentId id = intake.receive(checkoutDown(true)).incident();
        ChannelRef channel = h.channelOf(id.number());
        h.clock.advance(Duration.ofMinutes(6));
        h.run("bob", channel, "commander @bob");
        assertThat(h.incident(id.number()).commander()).contains(new Member("console", "bob", "bob"));
        assertThat(h.store.timeline(id)).filteredOn(e -> e.kind() == TimelineEntry.Kind.ROLE)
                .extracting(TimelineEntry::text).containsExactly("bob is commander");
        h.clock.advance(Duration.ofMinutes(5));
        h.run("bob", channel, "update status: identified");

        Durations durations = Durations.of(h.incident(id.number()));
        assertThat(durations.timeToAcknowledge()).as("4 minutes before the declaration + 6 after, when bob took command")
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(h.platform.rejections()).isEmpty();

        intake.receive(checkoutDown(false));
        h.run("bob", channel, "resolve rolled back");
        assertThat(h.incident(id.number()).status()).isEqualTo(Status.RESOLVED);
        assertThat(h.platform.rejections()).isEmpty();
    }

    /**
     * README (Who may do what): while nobody commands an alert-declared incident, anyone in its channel
     * may resolve it — as any responder may in incident.io — and the timeline names who did; once
     * someone takes command, only the commander (or an admin) may.
     */
    @Test
    void anyoneResolvesAnIncidentNobodyCommandsAndOnlyTheCommanderOnceSomeoneDoes() {
        IncidentId first = intake.receive(checkoutDown(true)).incident();
        h.run("carol", h.channelOf(first.number()), "resolve alert cleared, nothing to do");
        assertThat(h.incident(first.number()).status()).isEqualTo(Status.RESOLVED);
        assertThat(h.store.timeline(first)).filteredOn(e -> e.kind() == TimelineEntry.Kind.RESOLVED)
                .extracting(e -> e.actor().id(), TimelineEntry::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("carol", "Resolved: alert cleared, nothing to do"));

        IncidentId second = intake.receive(group("g-second", Map.of("alertname", "QueueLag", "severity", "critical"),
                alert("q", "QueueLag", true, "severity", "critical"))).incident();
        ChannelRef channel = h.channelOf(second.number());
        h.run("bob", channel, "commander @bob");
        h.run("carol", channel, "resolve it is fine");
        assertThat(h.incident(second.number()).isOpen()).isTrue();
        assertThat(h.platform.rejections()).extracting(Messages.CommandRejected::problem)
                .containsExactly("Only the commander (bob) or an admin can resolve " + second + ".");
    }

    // --- triage: Declare incident / Dismiss (issue 13) ---

    private static AlertGroup diskFilling(boolean... firing) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < firing.length; i++) {
            alerts.add(alert("disk" + i, "DiskFilling", firing[i], "severity", "warning", "instance", "db-" + i));
        }
        return group("{}:{alertname=\"DiskFilling\"}", Map.of("alertname", "DiskFilling", "severity", "warning"),
                alerts.toArray(Alert[]::new));
    }

    private static Member person(String who) {
        return new Member("console", who, who);
    }

    /** The one triage post, and its buttons as every platform shows them. */
    private AlertMessages.AlertTriage triagePost() {
        return h.platform.sent(AlertMessages.AlertTriage.class).get(0);
    }

    private Pressed click(EngineHarness on, String who, ButtonAction action) {
        return click(on, triagePost(), who, action);
    }

    private Pressed click(EngineHarness on, AlertMessages.AlertTriage post, String who, ButtonAction action) {
        Button button = Buttons.of(post).stream().filter(b -> b.action() == action).findFirst().orElseThrow();
        // The platform hands back only the button's id: the click is read from it, as Slack and Discord do.
        return on.engine.press(new Invocation(TRIAGE, person(who)), Button.parse(button.id()).orElseThrow());
    }

    @Test
    void theTriagePostCarriesDeclareAndDismissForTheNumberReservedForTheGroup() {
        intake.receive(diskFilling(true));
        AlertMessages.AlertTriage post = triagePost();

        assertThat(Buttons.of(post)).extracting(Button::label).containsExactly("Declare incident", "Dismiss");
        assertThat(Buttons.of(post)).extracting(Button::id)
                .containsExactly("sitrep:declare-alerts:" + post.reserved().number(), "sitrep:dismiss-alerts:" + post.reserved().number());
        assertThat(h.store.find(post.reserved())).as("nothing is declared before someone decides").isEmpty();
    }

    @Test
    void aDeclareClickDeclaresTheGroupWithItsAlertsOnceAndTheClickerCommands() {
        intake.receive(diskFilling(true));
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(intake.receive(diskFilling(true, true)).kind()).as("a repeat while waiting: the post is kept up to date")
                .isEqualTo(AlertIntake.Outcome.Kind.TRIAGED);
        assertThat(h.platform.sent(AlertMessages.AlertTriage.class)).as("posted once").hasSize(1);
        IncidentId reserved = triagePost().reserved();

        Pressed pressed = click(h, "bob", ButtonAction.DECLARE_ALERTS);

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.DONE);
        assertThat(pressed.shown()).isEqualTo("Declared " + reserved + " by bob");
        Incident incident = h.incident(reserved.number());
        assertThat(incident.commander()).as("the clicker commands").contains(person("bob"));
        assertThat(incident.severity()).as("the triage rule's severity").isEqualTo(Severity.SEV3);
        assertThat(incident.alerts()).as("the alerts of the latest notification").extracting(Alert::fingerprint)
                .containsExactly("disk0", "disk1");
        assertThat(incident.startedAt()).as("durations count from the first alert's startsAt").isEqualTo(STARTED);
        assertThat(h.platform.sent(Messages.Kickoff.class)).singleElement()
                .satisfies(k -> assertThat(k.incident().alerts()).hasSize(2));
        String channel = h.channelOf(reserved.number()).name();
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where).contains("invite:" + channel + ":bob");
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).extracting(Messages.CommandAccepted::text)
                .contains("Declared " + reserved + "; you are its commander.");
        assertThat(h.store.timeline(reserved)).extracting(e -> e.kind() + " " + e.actor().id() + " " + e.text())
                .startsWith("DECLARED bob Declared SEV3 from Alertmanager (triage, rule look): DiskFilling",
                        "ROLE bob bob is commander")
                .filteredOn(t -> t.startsWith("ALERT alertmanager Firing: DiskFilling")).hasSize(2);

        // Later notifications go to the incident, as for a declared group; the triage post is not repeated.
        assertThat(intake.receive(diskFilling(false, true)).incident()).isEqualTo(reserved);
        assertThat(h.platform.sent(AlertMessages.AlertsChanged.class)).singleElement()
                .satisfies(m -> assertThat(m.resolved()).extracting(Alert::fingerprint).containsExactly("disk0"));
        assertThat(h.platform.sent(AlertMessages.AlertTriage.class)).hasSize(1);

        h.clock.advance(Duration.ofMinutes(5));
        h.run("bob", h.channelOf(reserved.number()), "update status: identified");
        assertThat(Durations.of(h.incident(reserved.number())).timeToAcknowledge())
                .as("4 minutes before the post, 1 until the click (the click acknowledges)").isEqualTo(Duration.ofMinutes(5));
        h.run("bob", h.channelOf(reserved.number()), "resolve disk cleaned");
        assertThat(h.filed).last().satisfies(p -> assertThat(p.incident().alerts()).hasSize(2));
    }

    @Test
    void aSecondDeclareClickIsToldWhoDeclaredAndChangesNothing() {
        intake.receive(diskFilling(true));
        AlertMessages.AlertTriage post = triagePost();
        IncidentId reserved = post.reserved();
        click(h, "bob", ButtonAction.DECLARE_ALERTS);
        int entries = h.store.timeline(reserved).size();
        h.platform.clear();

        Pressed again = click(h, post, "carol", ButtonAction.DECLARE_ALERTS);
        Pressed dismiss = click(h, post, "dave", ButtonAction.DISMISS_ALERTS);

        assertThat(again.outcome()).isEqualTo(Pressed.Outcome.ALREADY_DECIDED);
        assertThat(again.shown()).as("the message shows the declaration that stands").isEqualTo("Declared " + reserved + " by bob");
        assertThat(dismiss.outcome()).isEqualTo(Pressed.Outcome.ALREADY_DECIDED);
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).extracting(Messages.CommandAccepted::text)
                .containsExactly(reserved + " was already declared from this alert group by bob.",
                        reserved + " was already declared from this alert group by bob.");
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).allSatisfy(a ->
                assertThat(a.channel()).as("linked, to follow it").isEqualTo(h.channelOf(reserved.number())));
        assertThat(h.store.open()).hasSize(1);
        assertThat(h.incident(reserved.number()).commander()).contains(person("bob"));
        assertThat(h.store.timeline(reserved)).hasSize(entries);
        assertThat(h.platform.sent(Messages.Kickoff.class)).isEmpty();
    }

    @Test
    void theDeciderClickingDeclareAgainAfterAFailedSetupFinishesIt() {
        intake.receive(diskFilling(true));
        IncidentId reserved = triagePost().reserved();
        h.platform.refuse("open", "channel limit reached");
        assertThat(click(h, "bob", ButtonAction.DECLARE_ALERTS).outcome()).as("the channel could not be made")
                .isEqualTo(Pressed.Outcome.REFUSED);
        assertThat(h.incident(reserved.number()).channels()).isEmpty();

        h.platform.allow("open");
        h.clock.advance(Duration.ofSeconds(30));
        Pressed again = click(h, "bob", ButtonAction.DECLARE_ALERTS);

        assertThat(again.outcome()).as("bob's own declaration is finished, not reported as in progress")
                .isEqualTo(Pressed.Outcome.DONE);
        String channel = h.channelOf(reserved.number()).name();
        assertThat(h.platform.sent()).extracting(RecordingPlatform.Sent::where).contains("invite:" + channel + ":bob");
        assertThat(h.store.timeline(reserved)).filteredOn(e -> e.kind() == TimelineEntry.Kind.DECLARED).hasSize(1);
        assertThat(click(h, "carol", ButtonAction.DECLARE_ALERTS).outcome()).as("anyone else is told who declared it")
                .isEqualTo(Pressed.Outcome.ALREADY_DECIDED);
    }

    @Test
    void dismissIsOnRecordAndADeclareClickAfterItIsToldWhoDismissed() {
        intake.receive(diskFilling(true));
        IncidentId reserved = triagePost().reserved();

        Pressed dismissed = click(h, "carol", ButtonAction.DISMISS_ALERTS);

        assertThat(dismissed.outcome()).isEqualTo(Pressed.Outcome.DONE);
        assertThat(dismissed.shown()).isEqualTo("Dismissed by carol");
        assertThat(dismissed.click()).hasValueSatisfying(c -> assertThat(c.at()).isEqualTo(T0));
        assertThat(groups.held(reserved)).hasValueSatisfying(held -> assertThat(held.decision())
                .isEqualTo(new TriageDecision(false, person("carol"), T0)));

        h.clock.advance(Duration.ofMinutes(2));
        Pressed declare = click(h, "bob", ButtonAction.DECLARE_ALERTS);
        assertThat(declare.outcome()).isEqualTo(Pressed.Outcome.ALREADY_DECIDED);
        assertThat(declare.click()).hasValueSatisfying(c -> {
            assertThat(c.summary()).isEqualTo("Dismissed by carol");
            assertThat(c.at()).as("when carol dismissed it").isEqualTo(T0);
        });
        assertThat(h.platform.rejections()).extracting(Messages.CommandRejected::problem).containsExactly(
                "carol dismissed this alert group already; nothing was declared. To declare it anyway:"
                        + " /incident start DiskFilling sev3");
        assertThat(intake.receive(diskFilling(true, true)).kind()).isEqualTo(AlertIntake.Outcome.Kind.TRIAGED);
        assertThat(h.store.open()).isEmpty();
        assertThat(h.platform.sent(AlertMessages.AlertTriage.class)).as("a dismissed group is not posted again").hasSize(1);
    }

    @Test
    void aDeclarationWhoseReplicaDiedBeforeTheIncidentIsFinishedByTheGroupsNextNotification() {
        intake.receive(diskFilling(true));
        IncidentId reserved = triagePost().reserved();
        // bob's click decided, and its replica died before it made the incident.
        groups.decide(reserved, new TriageDecision(true, person("bob"), T0));

        Pressed meanwhile = click(h, "carol", ButtonAction.DECLARE_ALERTS);
        assertThat(meanwhile.outcome()).isEqualTo(Pressed.Outcome.ALREADY_DECIDED);
        assertThat(meanwhile.shown()).isEqualTo("Declared " + reserved + " by bob");
        assertThat(h.platform.rejections()).extracting(Messages.CommandRejected::problem)
                .containsExactly("bob is declaring this alert group as " + reserved + " right now; its channel follows in a moment.");
        assertThat(h.store.find(reserved)).isEmpty();

        assertThat(intake.receive(diskFilling(true)).kind()).isEqualTo(AlertIntake.Outcome.Kind.UPDATED);
        Incident incident = h.incident(reserved.number());
        assertThat(incident.commander()).as("bob decided").contains(person("bob"));
        assertThat(incident.alerts()).hasSize(1);
        assertThat(incident.setup().complete()).isTrue();
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
    }

    @Test
    void aClickAfterTheGroupWasLetGoIsToldSoAndDeclaresNothing() {
        intake.receive(diskFilling(true));
        h.clock.advance(Duration.ofHours(1).plusSeconds(1));

        Pressed pressed = click(h, "bob", ButtonAction.DECLARE_ALERTS);

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.REFUSED);
        assertThat(h.platform.rejections()).singleElement().satisfies(r -> {
            assertThat(r.problem()).startsWith("This alert group is no longer waiting for triage: nothing was heard of it for 1h");
            assertThat(r.verb()).as("answered with start's usage").isEqualTo(dev.sitrep.commands.Verb.START);
        });
        assertThat(h.store.open()).isEmpty();
    }

    @Test
    void replicasClickingDeclareAtOnceMakeOneIncident() throws Exception {
        EngineHarness.Backend backend = new EngineHarness.Backend(h.store, h.timers, h.once, h::dueOf);
        List<EngineHarness> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EngineHarness replica = new EngineHarness(backend, h.clock, h.platform, EngineHarness.settings());
            replica.engine.alertIntake(RULES, groups);
            replicas.add(replica);
        }
        intake.receive(diskFilling(true));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Pressed> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Pressed>> clicks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                EngineHarness replica = replicas.get(i);
                String who = List.of("alice", "bob", "carol").get(i);
                clicks.add(pool.submit(() -> {
                    go.await();
                    return click(replica, who, ButtonAction.DECLARE_ALERTS);
                }));
            }
            go.countDown();
            for (Future<Pressed> f : clicks) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results).as(h.platform.rejections().toString()).filteredOn(p -> p.outcome() == Pressed.Outcome.DONE).hasSize(1);
        assertThat(results).filteredOn(p -> p.outcome() == Pressed.Outcome.ALREADY_DECIDED).hasSize(2);
        assertThat(results.stream().map(Pressed::shown).distinct()).as("every message shows the same declaration").hasSize(1);
        assertThat(h.store.open()).hasSize(1);
        assertThat(h.platform.sent(Messages.Kickoff.class)).hasSize(1);
    }

    @Test
    void aRuleWithoutItsOwnSeverityTakesTheServicesDefaultElseSev2() {
        AlertRules rules = new AlertRules(List.of(
                new AlertRule("search", List.of(LabelMatcher.parse("service=\"search\"")), AlertRule.Action.DECLARE,
                        "severity", Map.of("critical", Severity.SEV1), null, "search", null, null),
                new AlertRule("rest", List.of(), AlertRule.Action.DECLARE, null, null, null, null, null, null)),
                Duration.ofHours(1));
        AlertIntake declaring = h.engine.alertIntake(rules, new InMemoryAlertGroups(h.store, h.clock));

        IncidentId search = declaring.receive(group("g-search", Map.of("alertname", "SlowQueries", "service", "search"),
                alert("s", "SlowQueries", true, "service", "search"))).incident();
        IncidentId mapped = declaring.receive(group("g-search-critical", Map.of("alertname", "SearchDown",
                "service", "search", "severity", "critical"), alert("c", "SearchDown", true))).incident();
        IncidentId other = declaring.receive(group("g-other", Map.of("alertname", "Other"), alert("o", "Other", true)))
                .incident();

        assertThat(h.incident(search.number()).severity()).as("search's default severity").isEqualTo(Severity.SEV3);
        assertThat(h.incident(mapped.number()).severity()).as("the label mapping wins").isEqualTo(Severity.SEV1);
        assertThat(h.incident(other.number()).severity()).as("no mapping, no service").isEqualTo(Severity.SEV2);
    }
}
