package dev.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Slack stand-in refuses what Slack refuses and answers in Slack's shapes, seen through Slack's own client. */
class FakeSlackApiTest {

    private static FakeSlackApi fake;
    private static Slack slack;
    private static MethodsClient bot;

    @BeforeAll
    static void start() {
        fake = new FakeSlackApi();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.url());
        config.getMethodsConfig().setStatsEnabled(false);
        slack = Slack.getInstance(config);
        bot = slack.methods("xoxb-fake-test");
    }

    @AfterAll
    static void stop() throws Exception {
        fake.close();
        slack.close();
    }

    @Test
    void postMessageNeedsAChannelAndTextWithinSlacksLimit() throws Exception {
        assertThat(bot.chatPostMessage(r -> r.text("hello")).getError()).isEqualTo("channel_not_found");
        assertThat(bot.chatPostMessage(r -> r.channel("C1")).getError()).isEqualTo("no_text");
        assertThat(bot.chatPostMessage(r -> r.channel("C1").text("x".repeat(40_001))).getError()).isEqualTo("msg_too_long");
        var posted = bot.chatPostMessage(r -> r.channel("C42").text("hello"));
        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo("C42");
        assertThat(posted.getMessage().getText()).isEqualTo("hello");
        assertThat(posted.getTs()).isEqualTo(posted.getMessage().getTs());
    }

    @Test
    void historyNarrowedToOneTsReturnsThatMessageWithItsBlocksAndEdits() throws Exception {
        String first = bot.chatPostMessage(r -> r.channel("C77").text("first")
                .blocksAsString("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"one\"}}]")).getTs();
        String second = bot.chatPostMessage(r -> r.channel("C77").text("second")).getTs();
        assertThat(first).as("each message its own ts").isNotEqualTo(second);
        assertThat(bot.conversationsHistory(r -> r.channel("C77")).getMessages())
                .as("newest first").extracting(m -> m.getText()).containsExactly("second", "first");

        var one = bot.conversationsHistory(r -> r.channel("C77").latest(first).oldest(first).inclusive(true).limit(1));
        assertThat(one.getMessages()).singleElement().satisfies(m -> {
            assertThat(m.getTs()).isEqualTo(first);
            assertThat(m.getBlocks()).hasSize(1);
        });
        assertThat(bot.conversationsHistory(r -> r.channel("C77").latest(first).oldest(first)).getMessages())
                .as("bounds are left out without inclusive").isEmpty();

        bot.chatUpdate(r -> r.channel("C77").ts(first).text("edited")
                .blocksAsString("[{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"done\"}]}]"));
        assertThat(bot.conversationsHistory(r -> r.channel("C77").latest(first).oldest(first).inclusive(true).limit(1))
                .getMessages()).singleElement().satisfies(m -> {
                    assertThat(m.getText()).isEqualTo("edited");
                    assertThat(m.getBlocks().get(0).getType()).isEqualTo("context");
                });
    }

    @Test
    void blocksSlackWouldRefuseAreInvalidBlocks() throws Exception {
        String section = "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}}";
        assertThat(post("[" + section + "]")).isNull();
        assertThat(post("[" + section)).isEqualTo("invalid_blocks_format");
        assertThat(post("{\"type\":\"section\"}")).isEqualTo("invalid_blocks_format");
        assertThat(post("[" + (section + ",").repeat(50) + section + "]")).as("51 blocks").isEqualTo("invalid_blocks");
        assertThat(post("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}]"))
                .as("header of 151").isEqualTo("invalid_blocks");
        assertThat(post("[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"h\"}}]"))
                .as("mrkdwn header").isEqualTo("invalid_blocks");
        assertThat(post("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "s".repeat(3001) + "\"}}]"))
                .as("section text of 3001").isEqualTo("invalid_blocks");
        String field = "{\"type\":\"mrkdwn\",\"text\":\"f\"}";
        assertThat(post("[{\"type\":\"section\",\"fields\":[" + (field + ",").repeat(10) + field + "]}]"))
                .as("11 fields").isEqualTo("invalid_blocks");
        assertThat(post("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"\"}}]"))
                .as("empty text").isEqualTo("invalid_blocks");
        assertThat(post("[{\"type\":\"carousel\"}]")).isEqualTo("invalid_blocks");
        String button = "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"Go\"},\"action_id\":\"a\"}";
        assertThat(post("[{\"type\":\"actions\",\"elements\":[" + button + "]}]")).isNull();
        assertThat(post("[{\"type\":\"actions\",\"elements\":[" + button + "," + button + "]}]"))
                .as("duplicate action_id").isEqualTo("invalid_blocks");
        assertThat(bot.chatUpdate(r -> r.channel("C1").ts("1.2").text("x").blocksAsString("[{}]")).getError())
                .isEqualTo("invalid_blocks");
    }

    private static String post(String blocks) throws Exception {
        return bot.chatPostMessage(r -> r.channel("C1").text("fallback").blocksAsString(blocks)).getError();
    }

    @Test
    void aMessageWithBlocksButNoTextFallbackFailsTheTestThatSentIt() throws Exception {
        try (FakeSlackApi other = new FakeSlackApi(); Slack client = Slack.getInstance(config(other))) {
            assertThat(client.methods("xoxb-fake-test").chatPostMessage(r -> r.channel("C1")
                    .blocksAsString("[{\"type\":\"divider\"}]")).isOk()).isTrue();
            assertThatThrownBy(other::close).hasMessageContaining("no text fallback");
            other.contractForTests().withoutFallback.clear();
        }
    }

    private static SlackConfig config(FakeSlackApi api) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(api.url());
        config.getMethodsConfig().setStatsEnabled(false);
        return config;
    }

    @Test
    void channelNamesFollowSlacksNamingRules() throws Exception {
        assertThat(bot.conversationsCreate(r -> r.name("Inc-1")).getError()).isEqualTo("invalid_name_specials");
        assertThat(bot.conversationsCreate(r -> r.name("inc 1")).getError()).isEqualTo("invalid_name_specials");
        assertThat(bot.conversationsCreate(r -> r.name("inc.1")).getError()).isEqualTo("invalid_name_specials");
        assertThat(bot.conversationsCreate(r -> r.name("i".repeat(81))).getError()).isEqualTo("invalid_name_maxlength");
        assertThat(bot.conversationsCreate(r -> r.name("---")).getError()).isEqualTo("invalid_name_punctuation");
        fake.channelCreated("C7", "inc-7-ok");
        var created = bot.conversationsCreate(r -> r.name("inc-7-ok"));
        assertThat(created.isOk()).isTrue();
        assertThat(created.getChannel().isChannel()).isTrue();
        assertThat(created.getChannel().isPrivate()).isFalse();
    }

    @Test
    void aMissingOrWrongTokenIsRefused() throws Exception {
        assertThat(slack.methods("xapp-not-a-bot-token").authTest(r -> r).getError()).isEqualTo("invalid_auth");
        assertThat(slack.methods("").authTest(r -> r).getError()).isEqualTo("not_authed");
        assertThat(slack.methods("xoxb-fine").authTest(r -> r).isOk()).isTrue();
    }

    @Test
    void booleansAreJsonBooleans() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.url() + "chat.postMessage"))
                .header("Authorization", "Bearer xoxb-raw").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=hi")).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonObject answer = JsonParser.parseString(body).getAsJsonObject();
        assertThat(answer.getAsJsonPrimitive("ok").isBoolean()).isTrue();
        assertThat(answer.get("ok").getAsBoolean()).isFalse();
        assertThat(answer.get("error").getAsString()).isEqualTo("channel_not_found");
    }

    @Test
    void onlyDocumentedErrorsCanBeStaged() throws Exception {
        assertThatThrownBy(() -> fake.refuse("chat.postMessage", "name_taken")).isInstanceOf(IllegalArgumentException.class);
        fake.refuse("pins.add", "not_in_channel");
        assertThat(bot.pinsAdd(r -> r.channel("C1").timestamp("1.2")).getError()).isEqualTo("not_in_channel");
    }
}
