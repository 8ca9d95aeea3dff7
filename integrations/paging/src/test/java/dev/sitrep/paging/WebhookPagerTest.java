package dev.sitrep.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageSeverity;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.http.OutboundPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPagerTest {

    private static final String SECRET = "k7Qw9zR2mX4vB8nL1pT6sY3hJ5dF0aGc";
    private static final OutboundPolicy POLICY = OutboundPolicy.of(3, Duration.ofMillis(20), Duration.ofSeconds(30));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private final SignedPageReceiver receiver = start();
    private final PageKey key = new PageKey(new IncidentId(12), "checkout");

    private SignedPageReceiver start() {
        try {
            return new SignedPageReceiver(SECRET, clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookPager pager(String secret, String template, Clock clock) {
        return new WebhookPager(URI.create(receiver.url()), secret, template, POLICY, clock);
    }

    private PageRequest page(String summary) {
        return new PageRequest(key, summary, PageSeverity.ERROR, "sitrep #inc-12-checkout",
                List.of(new PageRequest.Link("https://chat.example/inc-12", "channel")));
    }

    @Test
    void aTriggerAndAResolveArriveSignedAndAReceiverFollowingTheReadmeAcceptsBoth() {
        WebhookPager pager = pager(SECRET, null, clock);

        assertThat(pager.trigger(page("Checkout errors")).describe()).isEqualTo("paged: checkout on-call (webhook)");
        pager.resolve(key);

        assertThat(receiver.refused()).isEmpty();
        List<JsonNode> bodies = receiver.accepted().stream().map(JSON::readTree).toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).path("event").asString()).isEqualTo("trigger");
        assertThat(bodies.get(0).path("dedup_key").asString()).isEqualTo("sitrep-INC-12-checkout");
        assertThat(bodies.get(0).path("summary").asString()).isEqualTo("Checkout errors");
        assertThat(bodies.get(0).path("severity").asString()).isEqualTo("error");
        assertThat(bodies.get(0).path("link").asString()).isEqualTo("https://chat.example/inc-12");
        assertThat(bodies.get(1).path("event").asString()).isEqualTo("resolve");
        assertThat(bodies.get(1).path("dedup_key").asString()).isEqualTo("sitrep-INC-12-checkout");
    }

    @Test
    void theOperatorsTemplateShapesTheBodyAndUserTextCannotBreakOutOfItsString() {
        WebhookPager pager = pager(SECRET, "{\"text\": \"{{service}} paged: {{summary}}\", \"key\": \"{{dedup_key}}\"}", clock);

        pager.trigger(page("quote \" brace } newline\nback\\slash \u0001"));

        JsonNode body = JSON.readTree(receiver.accepted().get(0));
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("text", "key");
        assertThat(body.path("text").asString()).isEqualTo("checkout paged: quote \" brace } newline\nback\\slash \u0001");
    }

    @Test
    void aPageSignedWithAnotherSecretIsRefusedByTheReceiverAndTheCommanderIsTold() {
        WebhookPager wrongSecret = pager("another-secret-of-32-characters!", null, clock);

        assertThatThrownBy(() -> wrongSecret.trigger(page("Checkout errors"))).isInstanceOf(PagingFailure.class)
                .hasMessageContaining("the webhook pager did not take the trigger for checkout")
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("another-secret");
        assertThat(receiver.refused()).containsExactly("bad signature");
        assertThat(receiver.accepted()).isEmpty();
    }

    @Test
    void aPageFromTooLongAgoIsRefusedAsAReplay() {
        WebhookPager late = pager(SECRET, null, Clock.offset(clock, Duration.ofMinutes(-6)));

        assertThatThrownBy(() -> late.trigger(page("Checkout errors"))).isInstanceOf(PagingFailure.class);
        assertThat(receiver.refused()).containsExactly("stale timestamp");
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderOrThatIsNotJsonAndAShortSecretAreRefusedAtStart() {
        assertThatThrownBy(() -> pager(SECRET, "{\"text\":\"{{title}}\"}", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{title}}, which does not exist");
        assertThatThrownBy(() -> pager(SECRET, "{\"text\":{{summary}}}", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not JSON once filled in");
        assertThatThrownBy(() -> pager(SECRET, "[\"{{summary}}\"]", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> pager("short", null, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 characters");
    }
}
