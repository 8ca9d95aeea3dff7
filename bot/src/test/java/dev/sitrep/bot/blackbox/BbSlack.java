package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.slack.SignedSlackRequests;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What Slack sends to a bot's request URL, signed as Slack signs it. */
final class BbSlack {
    static final String SIGNING_SECRET = "bbcheck-signing-secret-0123456789abcdef";
    private static final AtomicLong TRIGGERS = new AtomicLong(1000);

    private BbSlack() {
    }

    /**
     * https://api.slack.com/authentication/verifying-requests-from-slack : X-Slack-Signature is
     * "v0=" + hex HMAC-SHA256 of "v0:" + X-Slack-Request-Timestamp + ":" + the raw body.
     */
    static Map<String, String> signed(String body) {
        long ts = System.currentTimeMillis() / 1000;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Slack-Request-Timestamp", Long.toString(ts));
        h.put("X-Slack-Signature", SignedSlackRequests.sign(SIGNING_SECRET, ts, body));
        return h;
    }

    /** https://api.slack.com/interactivity/slash-commands#app_command_handling : the form fields of a command. */
    static HttpResponse<String> slash(BbBot bot, BbSlackFake slack, String userId, String userName, String channelId, String text) throws IOException {
        String body = SignedSlackRequests.form(SignedSlackRequests.slashCommandFields(new SignedSlackRequests.Typist(
                BbSlackFake.TEAM, "bbcheck", "ABBCHECK01", userId, userName, channelId, "general"), text,
                slack.newResponseUrl(userId), nextTrigger()));
        return bot.post("/slack/events", "application/x-www-form-urlencoded", body, signed(body));
    }

    /**
     * https://api.slack.com/reference/interaction-payloads/block-actions : a click on a button of a
     * message arrives as payload={type:block_actions, user, team, container, channel, message,
     * response_url, trigger_id, actions:[{type:button, action_id, block_id, value, text, action_ts}]}.
     */
    static String blockActions(BbSlackFake slack, String userId, String userName, BbSlackFake.Message message, JsonObject button) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", userName);
        user.addProperty("name", userName);
        user.addProperty("team_id", BbSlackFake.TEAM);
        p.add("user", user);
        p.addProperty("api_app_id", "ABBCHECK01");
        p.addProperty("token", "verification-token-unused");
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", message.ts());
        container.addProperty("channel_id", message.channel());
        container.addProperty("is_ephemeral", false);
        p.add("container", container);
        p.addProperty("trigger_id", nextTrigger());
        JsonObject team = new JsonObject();
        team.addProperty("id", BbSlackFake.TEAM);
        team.addProperty("domain", "bbcheck");
        p.add("team", team);
        p.addProperty("is_enterprise_install", false);
        JsonObject channel = new JsonObject();
        channel.addProperty("id", message.channel());
        channel.addProperty("name", slack.channels.get(message.channel()).name);
        p.add("channel", channel);
        JsonObject msg = new JsonObject();
        msg.addProperty("type", "message");
        msg.addProperty("user", BbSlackFake.BOT_USER);
        msg.addProperty("bot_id", "BBBOT0001");
        msg.addProperty("ts", message.ts());
        msg.addProperty("text", message.text());
        if (message.blocks() != null) {
            msg.add("blocks", message.blocks());
        }
        p.add("message", msg);
        p.add("state", JsonParser.object("{\"values\":{}}"));
        p.addProperty("response_url", slack.newResponseUrl(userId));
        JsonArray actions = new JsonArray();
        JsonObject a = new JsonObject();
        a.addProperty("type", "button");
        a.addProperty("action_id", button.get("action_id").getAsString());
        a.addProperty("block_id", button.get("_block_id").getAsString());
        a.add("text", button.get("text"));
        if (button.has("value")) {
            a.addProperty("value", button.get("value").getAsString());
        }
        a.addProperty("action_ts", String.format("%d.%06d", System.currentTimeMillis() / 1000, TRIGGERS.incrementAndGet() % 1_000_000));
        actions.add(a);
        p.add("actions", actions);
        return p.toString();
    }

    /**
     * https://api.slack.com/reference/interaction-payloads/views#view_submission : type
     * view_submission, user, team, api_app_id, trigger_id and the view as opened, with its
     * private_metadata and callback_id and the person's answers in view.state.values
     * (block_id → action_id → {type, value} or {type, selected_option}).
     */
    static String viewSubmission(String userId, String userName, JsonObject view, Map<String, JsonObject> answers) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "view_submission");
        JsonObject team = new JsonObject();
        team.addProperty("id", BbSlackFake.TEAM);
        team.addProperty("domain", "bbcheck");
        p.add("team", team);
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", userName);
        user.addProperty("name", userName);
        user.addProperty("team_id", BbSlackFake.TEAM);
        p.add("user", user);
        p.addProperty("api_app_id", "ABBCHECK01");
        p.addProperty("token", "verification-token-unused");
        p.addProperty("trigger_id", nextTrigger());
        p.addProperty("is_enterprise_install", false);
        JsonObject v = view.deepCopy();
        JsonObject values = new JsonObject();
        for (com.google.gson.JsonElement be : v.getAsJsonArray("blocks")) {
            JsonObject b = be.getAsJsonObject();
            if (!"input".equals(b.has("type") ? b.get("type").getAsString() : "") || !b.has("element")) {
                continue;
            }
            JsonObject element = b.getAsJsonObject("element");
            String actionId = element.get("action_id").getAsString();
            JsonObject answer = answers.get(actionId);
            if (answer == null) {
                continue;
            }
            JsonObject byAction = new JsonObject();
            byAction.add(actionId, answer);
            values.add(b.get("block_id").getAsString(), byAction);
        }
        JsonObject state = new JsonObject();
        state.add("values", values);
        v.add("state", state);
        v.addProperty("app_id", "ABBCHECK01");
        v.addProperty("bot_id", "BBBOT0001");
        v.addProperty("root_view_id", v.get("id").getAsString());
        v.add("previous_view_id", com.google.gson.JsonNull.INSTANCE);
        p.add("view", v);
        p.add("response_urls", new JsonArray());
        return p.toString();
    }

    /** https://api.slack.com/interactivity/handling#payloads : interaction payloads arrive form-encoded as payload=…. */
    static HttpResponse<String> interaction(BbBot bot, String payloadJson) throws IOException {
        String body = "payload=" + enc(payloadJson);
        return bot.post("/slack/events", "application/x-www-form-urlencoded", body, signed(body));
    }

    private static String nextTrigger() {
        return TRIGGERS.incrementAndGet() + ".98765432100.bbcheck" + TRIGGERS.get();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final class JsonParser {
        static JsonObject object(String s) {
            return com.google.gson.JsonParser.parseString(s).getAsJsonObject();
        }
    }
}
