package dev.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.SlackCalls;
import dev.sitrep.slack.SlackChannelIds;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service's broadcast channel given by name: conversations.history takes only a channel id (the
 * stand-in answers a name channel_not_found, as Slack does:
 * https://api.slack.com/methods/conversations.history#arg_channel), so the name is looked up with
 * conversations.list, page by page (https://api.slack.com/docs/pagination), once.
 */
class SlackChannelIdsTest {

    private final FakeSlackApi slack = new FakeSlackApi();
    private final Slack sdk;
    private final MethodsClient client;
    private final SlackChannelIds ids;

    SlackChannelIdsTest() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.url());
        config.getMethodsConfig().setStatsEnabled(false);
        sdk = Slack.getInstance(config);
        client = sdk.methods("xoxb-test-token");
        ids = new SlackChannelIds(client, new SlackCalls(OutboundPolicy.of(1, Duration.ofMillis(10), Duration.ofSeconds(5))));
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    @Test
    void historyByNameIsNotFoundAsOnSlack() throws Exception {
        assertThat(client.conversationsHistory(r -> r.channel("svc-checkout")).getError()).isEqualTo("channel_not_found");
        assertThat(client.conversationsHistory(r -> r.channel("C1000003")).isOk()).isTrue();
    }

    @Test
    void aNameIsLookedUpThroughEveryPageOnceAndAnIdIsItsOwn() {
        slack.channels(2, "C1000001", "general", "C1000002", "random", "C1000003", "svc-checkout");

        assertThat(ids.idOf("C0999999")).isEqualTo("C0999999");
        assertThat(slack.requests("conversations.list")).as("an id needs no lookup").isEmpty();

        assertThat(ids.idOf("#svc-checkout")).isEqualTo("C1000003");
        assertThat(slack.requests("conversations.list")).hasSize(2);
        assertThat(FakeSlackApi.form(slack.requests("conversations.list").get(0))).doesNotContainKey("cursor")
                .containsKey("exclude_archived").containsEntry("types", "public_channel,private_channel");
        assertThat(FakeSlackApi.form(slack.requests("conversations.list").get(1))).containsEntry("cursor", "page1");

        assertThat(ids.idOf("random")).isEqualTo("C1000002");
        assertThat(ids.idOf("svc-checkout")).isEqualTo("C1000003");
        assertThat(slack.requests("conversations.list")).as("kept").hasSize(2);
    }

    @Test
    void aNameSlackDoesNotListIsRefusedSayingWhatToDo() {
        slack.channels(100, "C1000001", "general");
        assertThatThrownBy(() -> ids.idOf("#nope")).isInstanceOf(PlatformFailure.class)
                .hasMessageContaining("Slack has no channel named #nope that sitrep can see")
                .hasMessageContaining("give its id (C…) instead, or invite the sitrep app to it");
        int listings = slack.requests("conversations.list").size();

        // Asked again on the effect's next try (inside its hold): refused at once, no second full listing.
        assertThatThrownBy(() -> ids.idOf("#nope")).isInstanceOf(PlatformFailure.class);
        assertThat(slack.requests("conversations.list")).as("a missing name relists at most once a minute")
                .hasSize(listings);
    }
}
