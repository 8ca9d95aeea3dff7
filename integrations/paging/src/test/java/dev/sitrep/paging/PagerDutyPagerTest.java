package dev.sitrep.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.PageSeverity;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.http.OutboundPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagerDutyPagerTest {

    private static final String CHECKOUT_KEY = "R0123456789abcdef0123456789abcde";
    private static final String PAYMENTS_KEY = "Rfedcba9876543210fedcba987654321";
    private static final OutboundPolicy POLICY = OutboundPolicy.of(4, Duration.ofMillis(20), Duration.ofSeconds(30));

    private final FakePagerDuty pagerDuty = start();
    private final PageKey checkoutKey = new PageKey(new IncidentId(7), "checkout");

    private static FakePagerDuty start() {
        try {
            return new FakePagerDuty();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private PagerDutyPager pager() {
        return new PagerDutyPager(pagerDuty.url(), Map.of("checkout", CHECKOUT_KEY, "payments", PAYMENTS_KEY), POLICY);
    }

    private PageRequest page() {
        return new PageRequest(checkoutKey, "INC-7 Checkout errors (SEV1)", PageSeverity.CRITICAL, "sitrep #inc-7-checkout-errors",
                List.of(new PageRequest.Link("https://slack.example/archives/C7", "incident channel")));
    }

    @Test
    void aTriggerOpensOneAlertWithTheIncidentsDedupKeyAndAResolveClosesIt() {
        PageResult result = pager().trigger(page());

        assertThat(result.describe()).isEqualTo("paged: checkout on-call (PagerDuty)");
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).singleElement().satisfies(alert -> {
            assertThat(alert.dedupKey()).isEqualTo("sitrep-INC-7-checkout");
            assertThat(alert.summary()).isEqualTo("INC-7 Checkout errors (SEV1)");
            assertThat(alert.severity()).isEqualTo("critical");
            assertThat(alert.source()).isEqualTo("sitrep #inc-7-checkout-errors");
            assertThat(alert.links()).containsExactly("https://slack.example/archives/C7");
            assertThat(alert.status()).isEqualTo("triggered");
        });

        pager().acknowledge(checkoutKey);
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).singleElement().extracting(FakePagerDuty.Alert::status)
                .isEqualTo("acknowledged");
        pager().resolve(checkoutKey);
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).singleElement().extracting(FakePagerDuty.Alert::status)
                .isEqualTo("resolved");
        assertThat(pagerDuty.alerts(PAYMENTS_KEY)).isEmpty();
    }

    @Test
    void theSamePageSentAgainAndByTwoReplicasAtOnceIsOnePagerDutyAlert() throws Exception {
        PagerDutyPager replicaA = pager();
        PagerDutyPager replicaB = pager();
        replicaA.trigger(page());
        replicaA.trigger(page());

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<PageResult>> both = new ArrayList<>();
        for (PagerDutyPager replica : List.of(replicaA, replicaB)) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return replica.trigger(page());
            }));
        }
        both.forEach(CompletableFuture::join);

        assertThat(pagerDuty.requests()).hasSize(4);
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).singleElement().satisfies(alert -> {
            assertThat(alert.triggers()).isEqualTo(4);
            assertThat(alert.dedupKey()).isEqualTo("sitrep-INC-7-checkout");
        });
    }

    @Test
    void aRateLimitIsWaitedOutAndThePageGoesThroughOnce() {
        pagerDuty.failNext(429, 2);

        pager().trigger(page());

        assertThat(pagerDuty.requests()).hasSize(3);
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).singleElement().extracting(FakePagerDuty.Alert::triggers).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetried() {
        pagerDuty.failNext(500, 1);

        pager().trigger(page());

        assertThat(pagerDuty.requests()).hasSize(2);
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).hasSize(1);
    }

    @Test
    void pagerDutyStillFailingAfterTheAttemptsIsNamedForTheCommander() {
        pagerDuty.failNext(503, 4);

        assertThatThrownBy(() -> pager().trigger(page())).isInstanceOf(PagingFailure.class)
                .hasMessageContaining("PagerDuty did not take the page for checkout")
                .hasMessageContaining("HTTP 503");
        assertThat(pagerDuty.requests()).hasSize(4);
        assertThat(pagerDuty.alerts(CHECKOUT_KEY)).isEmpty();
    }

    @Test
    void aRefusedEventIsNamedWithPagerDutysOwnWordsAndNotSentAgain() {
        PagerDutyPager wrongKey = new PagerDutyPager(pagerDuty.url(), Map.of("checkout", "R0123456789abcdef"), POLICY);

        assertThatThrownBy(() -> wrongKey.trigger(page())).isInstanceOfSatisfying(PagingFailure.class, failure -> {
            assertThat(failure.service()).isEqualTo("checkout");
            assertThat(failure.getMessage()).isEqualTo("PagerDuty refused the page for checkout (HTTP 400): "
                    + "Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters)");
        });
        assertThat(pagerDuty.requests()).hasSize(1);
    }

    @Test
    void aServiceWithoutARoutingKeyIsNamedWithThePropertyToSet() {
        PageKey unknown = new PageKey(new IncidentId(7), "search");

        assertThatThrownBy(() -> pager().resolve(unknown)).isInstanceOf(PagingFailure.class)
                .hasMessage("PagerDuty has no routing key for service search (set sitrep.paging.pagerduty.routing-keys.search)");
        assertThat(pagerDuty.requests()).isEmpty();
    }

    @Test
    void theRoutingKeyIsNeverLoggedNorInAFailureEvenWhenPagerDutyEchoesIt() {
        String shortKey = "Rshortkey0123456789";
        pagerDuty.echoRoutingKeysInErrors();
        List<Throwable> failures = new ArrayList<>();
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            pagerDuty.failNext(500, 1);
            pager().trigger(page());
            pagerDuty.failNext(500, 4);
            catching(failures, () -> pager().trigger(page()));
            catching(failures, () -> new PagerDutyPager(pagerDuty.url(), Map.of("checkout", shortKey), POLICY)
                    .trigger(page()));
            lines = logs.lines();
        }

        assertThat(lines).as("the retries were logged").anyMatch(l -> l.contains("PagerDuty POST /v2/enqueue"));
        assertThat(failures).hasSize(2);
        List<String> texts = new ArrayList<>(lines);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
        assertThat(texts).anyMatch(t -> t.contains("[REDACTED]"))
                .noneMatch(t -> t.contains(CHECKOUT_KEY) || t.contains(shortKey));
    }

    private static void catching(List<Throwable> failures, Runnable call) {
        try {
            call.run();
        } catch (PagingFailure e) {
            failures.add(e);
        }
    }
}
