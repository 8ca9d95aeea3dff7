package dev.sitrep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.alert.TriagedGroup;
import dev.sitrep.commands.incident.Alert;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.AlertGroups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertGroups} does: a group is tied to one incident however many callers claim it
 * at once, the tie lasts its window after the last notification, and then the group is new again.
 */
public abstract class AlertGroupsContract {

    protected static final Duration WINDOW = Duration.ofMinutes(10);
    /** Short, for the test that watches a window run out. */
    protected static final Duration SHORT = Duration.ofMillis(300);

    protected AlertGroups groups;

    protected abstract AlertGroups newGroups();

    /** Another client of the same ties, as a second replica has. */
    protected abstract AlertGroups anotherClientOf(AlertGroups groups);

    /** Returns once a tie made with window {@code window} has run out (moving time or waiting for it). */
    protected abstract void runOut(Duration window);

    @BeforeEach
    void fresh() {
        groups = newGroups();
    }

    @Test
    void theFirstClaimTiesANewIncidentAndLaterOnesFindIt() {
        AlertGroups.Claim first = groups.claim("g1", WINDOW, null);
        assertThat(first.first()).isTrue();
        AlertGroups.Claim again = anotherClientOf(groups).claim("g1", WINDOW, null);
        assertThat(again).isEqualTo(new AlertGroups.Claim(first.incident(), false));
        assertThat(groups.find("g1", WINDOW)).contains(first.incident());
        assertThat(groups.find("g2", WINDOW)).isEmpty();
        assertThat(groups.claim("g2", WINDOW, null).incident()).as("another group, another incident")
                .isNotEqualTo(first.incident());
    }

    @Test
    void aProposedIncidentIsTiedOnlyWhenTheGroupIsFree() {
        IncidentId attached = groups.claim("g1", WINDOW, new IncidentId(900)).incident();
        assertThat(attached).isEqualTo(new IncidentId(900));
        assertThat(groups.claim("g1", WINDOW, new IncidentId(901)).incident()).isEqualTo(attached);
    }

    @Test
    void concurrentClaimsOfOneGroupGetOneIncident() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AlertGroups.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                AlertGroups client = i % 2 == 0 ? groups : anotherClientOf(groups);
                claims.add(pool.submit(() -> {
                    go.await();
                    return client.claim("racing", WINDOW, null);
                }));
            }
            go.countDown();
            List<AlertGroups.Claim> results = new ArrayList<>();
            for (Future<AlertGroups.Claim> claim : claims) {
                results.add(claim.get());
            }
            assertThat(results.stream().map(AlertGroups.Claim::incident).distinct()).hasSize(1);
            assertThat(results.stream().filter(AlertGroups.Claim::first)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTieRunsOutAfterItsWindowAndTheGroupIsNewAgain() {
        IncidentId first = groups.claim("g1", SHORT, null).incident();
        runOut(SHORT);
        assertThat(groups.find("g1", SHORT)).isEmpty();
        AlertGroups.Claim again = groups.claim("g1", WINDOW, null);
        assertThat(again.first()).isTrue();
        assertThat(again.incident()).isNotEqualTo(first);
    }

    private static TriagedGroup triaged(boolean firing) {
        Alert alert = new Alert("", "fp1", firing, Map.of("alertname", "DiskFilling", "severity", "warning"),
                Map.of("summary", "disk 91% full", "runbook_url", "https://runbooks.example/disk"),
                Instant.parse("2026-12-02T10:30:00Z"), null, "http://prometheus.example/graph", "storage");
        return new TriagedGroup(new AlertGroup("Alertmanager", "{}:{alertname=\"DiskFilling\"}",
                Map.of("alertname", "DiskFilling"), Map.of("alertname", "DiskFilling", "severity", "warning"),
                Map.of("summary", "disk 91% full"), "http://alertmanager.example", List.of(alert)),
                "look", Severity.SEV3, "storage");
    }

    private static TriageDecision decision(boolean declared, String who) {
        return new TriageDecision(declared, new Member("slack", "U-" + who, who), Instant.parse("2026-12-02T10:42:00Z"));
    }

    @Test
    void aHeldGroupIsReadBackAsHeldAndRefreshedByLaterNotifications() {
        IncidentId reserved = groups.claim("g1", WINDOW, null).incident();
        assertThat(groups.held(reserved)).isEmpty();

        groups.hold(reserved, triaged(true), WINDOW);
        assertThat(anotherClientOf(groups).held(reserved)).contains(new AlertGroups.Held(triaged(true), null));
        groups.hold(reserved, triaged(false), WINDOW);
        assertThat(groups.held(reserved)).as("the latest notification is what a click declares")
                .contains(new AlertGroups.Held(triaged(false), null));
    }

    @Test
    void theFirstDecisionStandsAndALaterNotificationKeepsIt() {
        IncidentId reserved = groups.claim("g1", WINDOW, null).incident();
        assertThat(groups.decide(reserved, decision(true, "alice"))).as("nothing held: nothing to decide").isEmpty();
        groups.hold(reserved, triaged(true), WINDOW);

        assertThat(groups.decide(reserved, decision(false, "carol"))).contains(decision(false, "carol"));
        assertThat(anotherClientOf(groups).decide(reserved, decision(true, "bob"))).as("carol was first")
                .contains(decision(false, "carol"));
        groups.hold(reserved, triaged(false), WINDOW);
        assertThat(groups.held(reserved)).contains(new AlertGroups.Held(triaged(false), decision(false, "carol")));
    }

    @Test
    void concurrentDecisionsAboutOneGroupAllGetTheSameOne() throws Exception {
        IncidentId reserved = groups.claim("racing", WINDOW, null).incident();
        groups.hold(reserved, triaged(true), WINDOW);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<TriageDecision>>> decided = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                AlertGroups client = i % 2 == 0 ? groups : anotherClientOf(groups);
                TriageDecision mine = decision(i % 3 != 0, "person" + i);
                decided.add(pool.submit(() -> {
                    go.await();
                    return client.decide(reserved, mine);
                }));
            }
            go.countDown();
            List<TriageDecision> results = new ArrayList<>();
            for (Future<Optional<TriageDecision>> d : decided) {
                results.add(d.get().orElseThrow());
            }
            assertThat(results.stream().distinct()).hasSize(1);
            assertThat(groups.held(reserved).orElseThrow().decision()).isEqualTo(results.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHeldGroupRunsOutAfterItsWindow() {
        // Held before the tie is made, so it runs out no later than the tie runOut watches.
        IncidentId reserved = new IncidentId(900);
        groups.hold(reserved, triaged(true), SHORT);
        groups.claim("g1", SHORT, reserved);
        runOut(SHORT);
        assertThat(groups.held(reserved)).isEmpty();
        assertThat(groups.decide(reserved, decision(true, "alice"))).as("a click after the window decides nothing")
                .isEmpty();
    }
}
