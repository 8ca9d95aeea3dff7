package dev.sitrep.bot.blackbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stand-in refuses what Slack refuses, with Slack's error codes (see the citations in SlackFake). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackFakeTest {

    private SlackFake slack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll void start() throws Exception { slack = new SlackFake(); }

    @AfterAll void stop() { slack.close(); }

    private JsonObject call(String method, String token, Map<String, String> args) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SlackRequests.form(args)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "the Web API answers errors with HTTP 200 and ok:false");
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private String error(String method, String token, Map<String, String> args) throws Exception {
        JsonObject o = call(method, token, args);
        return o.get("ok").getAsBoolean() ? "ok" : o.get("error").getAsString();
    }

    private static Map<String, String> args(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void refusesWhatSlackRefuses() throws Exception {
        String bot = slack.botToken;
        assertEquals("not_authed", error("auth.test", null, args()));
        assertEquals("invalid_auth", error("auth.test", "xoxb-not-issued", args()));
        assertEquals("not_allowed_token_type", error("chat.postMessage", slack.appToken, args("channel", SlackFake.GENERAL, "text", "hi")));
        assertEquals("not_allowed_token_type", error("apps.connections.open", bot, args()));
        assertEquals("invalid_name_specials", error("conversations.create", bot, args("name", "Inc-1 Checkout")));
        assertEquals("invalid_name_specials", error("conversations.create", bot, args("name", "inc-1-api.example.com")));
        assertEquals("invalid_name_maxlength", error("conversations.create", bot, args("name", "a".repeat(81))));
        assertEquals("invalid_name_punctuation", error("conversations.create", bot, args("name", "---")));
        assertEquals("invalid_name_required", error("conversations.create", bot, args()));
        JsonObject created = call("conversations.create", bot, args("name", "inc-1-checkout"));
        assertEquals(true, created.get("ok").getAsBoolean());
        assertEquals(false, created.getAsJsonObject("channel").get("is_private").getAsBoolean());
        String id = created.getAsJsonObject("channel").get("id").getAsString();
        assertEquals("name_taken", error("conversations.create", bot, args("name", "inc-1-checkout")));
        assertEquals("too_long", error("conversations.setTopic", bot, args("channel", id, "topic", "x".repeat(251))));
        assertEquals("no_text", error("chat.postMessage", bot, args("channel", id)));
        assertEquals("channel_not_found", error("chat.postMessage", bot, args("channel", "C0NOPE", "text", "hi")));
        assertEquals("invalid_blocks", error("chat.postMessage", bot, args("channel", id,
                "blocks", "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(151) + "\"}}]")));
        assertEquals("user_not_in_channel", error("chat.postEphemeral", bot, args("channel", id, "user", SlackFake.ALICE, "text", "hi")));
        assertEquals("cant_invite_self", error("conversations.invite", bot, args("channel", id, "users", SlackFake.BOT_USER)));
        assertEquals("ok", error("conversations.invite", bot, args("channel", id, "users", SlackFake.ALICE)));
        assertEquals("already_in_channel", error("conversations.invite", bot, args("channel", id, "users", SlackFake.ALICE)));
        assertEquals("message_not_found", error("pins.add", bot, args("channel", id, "timestamp", "1.000001")));
        assertEquals("unknown_method", error("chat.postMessagee", bot, args("channel", id, "text", "hi")));
    }
}
