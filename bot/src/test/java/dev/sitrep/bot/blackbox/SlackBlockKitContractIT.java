package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.RedisServerProcess;
import dev.sitrep.bot.slack.SignedSlackRequests;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Black-box check of sitrep's Slack Block Kit messages and button clicks, written from Slack's public
 * documentation and sitrep's README only. The real jar runs in Slack HTTP mode against
 * {@link BlockKitSlack}, a strict stand-in of the Web API that refuses invalid blocks as Slack does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackBlockKitContractIT {

    private static final String BOT_TOKEN = "xoxb-blackbox-" + Long.toHexString(System.nanoTime());
    private static final String SIGNING_SECRET = "bbsecret" + Long.toHexString(System.nanoTime());
    private static final String ALICE = "U0ALICE01";
    private static final String BOB = "U0BOB0001";
    private static final String GENERAL = "C0GENERAL1";
    private static final String BROADCAST = "C0BCAST001";
    private static final Duration WAIT = Duration.ofSeconds(25);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger triggers = new AtomicInteger();
    private BlockKitSlack slack;
    private RedisServerProcess redis;
    private Process bot;
    private Path botLog;
    private int botPort;

    private String incidentChannel;
    private JsonObject kickoff;
    private JsonObject hostileKickoff;

    @BeforeAll
    void start() throws Exception {
        slack = new BlockKitSlack(BOT_TOKEN, Map.of(ALICE, "alice", BOB, "bob"));
        redis = RedisServerProcess.ephemeral(Files.createTempDirectory("bbslack-redis"), "redis");
        int redisPort = redis.port();

        Path jar = Path.of("target", "sitrep.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first: " + jar);
        botLog = Files.createTempFile("bbslack-sitrep", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), LoopbackPorts.LOG_TOMCAT_PORT,
                "--sitrep.slack.api-url=" + slack.apiUrl(),
                "--sitrep.slack.broadcast-channel=" + BROADCAST,
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                // Its postmortems go to a temporary folder, not ./.sitrep of the source tree it runs in.
                "--sitrep.postmortem.dir=" + Files.createTempDirectory("bbslack-postmortems"))
                .redirectErrorStream(true).redirectOutput(botLog.toFile());
        // README "Slack" step 4: secrets in the environment, PORT moves /slack/events.
        pb.environment().put("SLACK_BOT_TOKEN", BOT_TOKEN);
        pb.environment().put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        // 0: it binds a free port itself and logs it; a port picked here and bound later could be taken meanwhile.
        pb.environment().put("PORT", "0");
        pb.environment().remove("SLACK_APP_TOKEN");
        pb.environment().remove("DISCORD_TOKEN");
        bot = pb.start();
        // Generous bounds, left as soon as met: on a loaded machine the jar took over 50 s to start (it failed so).
        botPort = LoopbackPorts.boundPort(bot, botLog, LoopbackPorts.TOMCAT, Duration.ofSeconds(300));
        waitFor("sitrep reports ready (log " + botLog + ")", Duration.ofSeconds(300), () -> ready());
    }

    @AfterAll
    void stop() throws Exception {
        if (bot != null) {
            bot.destroy();
            if (!bot.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                bot.destroyForcibly().waitFor();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (slack != null) {
            slack.close();
            // What sitrep sent, for the report (tokens are never recorded).
            Files.write(Path.of("target", "slack-blockkit-calls.jsonl"),
                    slack.calls.stream().map(JsonObject::toString).toList());
        }
    }

    // ---------------------------------------------------------------- checks

    /** The stand-in must refuse what Slack refuses, or the checks below could not fail. */
    @Test
    @Order(0)
    void standInRefusesBlocksSlackRefuses() throws Exception {
        String header151 = "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(151) + "\"}}]";
        String fields11 = "[{\"type\":\"section\",\"fields\":[" + String.join(",",
                java.util.Collections.nCopies(11, "{\"type\":\"mrkdwn\",\"text\":\"f\"}")) + "]}]";
        String button76 = "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"a\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"" + "b".repeat(76) + "\"}}]}]";
        String section3001 = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "s".repeat(3001) + "\"}}]";
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(51, "{\"type\":\"divider\"}")) + "]";
        for (String bad : List.of(header151, fields11, button76, section3001, tooMany, "[{\"type\":\"section\"", "{}")) {
            JsonObject res = rawPost("chat.postMessage", Map.of("channel", GENERAL, "text", "t", "blocks", bad));
            assertEquals("invalid_blocks", str(res, "error"), "stand-in accepted " + bad.substring(0, Math.min(80, bad.length())));
        }
        JsonObject ok = rawPost("chat.postMessage", Map.of("channel", GENERAL, "text", "t",
                "blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}}]"));
        assertTrue(ok.get("ok").getAsBoolean(), ok.toString());
        slack.calls.clear();
    }

    private JsonObject rawPost(String method, Map<String, String> form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
                .header("Authorization", "Bearer " + BOT_TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))).build(), HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    @Order(1)
    void startPostsOnlyValidBlocksWithATextFallback() throws Exception {
        int before = slack.calls.size();
        assertEquals(200, slash(ALICE, "alice", GENERAL, "start Checkout errors sev2").statusCode());
        JsonObject created = awaitCall("conversations.create", c -> true, before);
        incidentChannel = created.getAsJsonObject("response").getAsJsonObject("channel").get("id").getAsString();
        kickoff = awaitCall("chat.postMessage", c -> incidentChannel.equals(c.get("channel").getAsString())
                && hasActions(c), before);
        awaitCall("chat.postMessage", c -> BROADCAST.equals(c.get("channel").getAsString()), before);

        List<JsonObject> posts = slack.callsOf("chat.postMessage", before);
        assertFalse(posts.isEmpty());
        for (JsonObject post : posts) {
            // Every message is Block Kit with a plain text fallback (issue 12, README "Messages and buttons");
            // https://api.slack.com/methods/chat.postMessage#arg_text: with blocks, text is the notification fallback.
            assertTrue(post.has("blocks"), "chat.postMessage without blocks: " + post);
            assertTrue(post.has("text") && !post.get("text").getAsString().isBlank(),
                    "chat.postMessage without a text fallback: " + post);
            assertEquals(List.of(), post.getAsJsonArray("violations").asList().stream()
                    .map(JsonElement::getAsString).toList(), "blocks Slack would refuse: " + post.get("blocks"));
            assertTrue(post.getAsJsonObject("response").get("ok").getAsBoolean(), "Slack refused: " + post);
        }
    }

    @Test
    @Order(2)
    void kickoffCarriesThePostUpdateTakeCommandAndResolveButtons() {
        assertNotNull(kickoff, "no kick-off was posted");
        List<String> labels = buttons(blocks(kickoff)).stream()
                .map(b -> b.getAsJsonObject("text").get("text").getAsString()).toList();
        assertTrue(labels.containsAll(List.of("Post update", "Take command", "Resolve")),
                "kick-off buttons: " + labels);
    }

    @Test
    @Order(3)
    void hostileTitleNeitherBreaksTheJsonNorPingsAnyone() throws Exception {
        int before = slack.calls.size();
        // With should_escape (manifest.yml) Slack sends a typed @here as <!here>:
        // https://api.slack.com/reference/surfaces/formatting#special-mentions
        assertEquals(200, slash(ALICE, "alice", GENERAL, "start *bold* <!here> \"}] sev3").statusCode());
        JsonObject created = awaitCall("conversations.create", c -> true, before);
        String channel = created.getAsJsonObject("response").getAsJsonObject("channel").get("id").getAsString();
        hostileKickoff = awaitCall("chat.postMessage",
                c -> channel.equals(c.get("channel").getAsString()) && hasActions(c), before);
        awaitCall("chat.postMessage", c -> BROADCAST.equals(c.get("channel").getAsString()), before);

        for (JsonObject post : slack.callsOf("chat.postMessage", before)) {
            assertEquals(List.of(), post.getAsJsonArray("violations").asList().stream()
                    .map(JsonElement::getAsString).toList(), "hostile title broke the blocks: " + post.get("blocks"));
            // https://api.slack.com/reference/surfaces/formatting#escaping: <!here> notifies the channel
            // unless sent escaped as &lt;!here&gt;; the text fallback and mrkdwn objects are parsed for it.
            assertFalse(post.get("text").getAsString().contains("<!here>"), "fallback pings: " + post.get("text"));
            // https://docs.slack.dev/reference/block-kit/composition-objects/text-object: markup (mentions,
            // *bold*) is parsed in mrkdwn objects only, and in the top-level text (mrkdwn by default).
            for (String mrkdwn : texts(blocks(post), "mrkdwn")) {
                assertFalse(mrkdwn.contains("<!here>"), "mrkdwn pings @here: " + mrkdwn);
                assertFalse(mrkdwn.contains("*bold*"), "user text turned bold in mrkdwn: " + mrkdwn);
            }
            assertFalse(post.get("text").getAsString().contains("*bold*"), "user text bold: " + post.get("text"));
        }
        String header = texts(blocks(hostileKickoff), "header").stream().findFirst().orElse("");
        assertTrue(header.contains("bold") && header.contains("\"}]"),
                "the title should be shown, not lost, in the header: " + header);
    }

    @Test
    @Order(4)
    void nonCommandersResolveClickIsRefusedPrivately() throws Exception {
        assertNotNull(kickoff, "no kick-off was posted");
        JsonObject resolve = button(kickoff, "Resolve");
        int before = slack.calls.size();
        String trigger = nextTrigger();
        HttpResponse<String> ack = click(BOB, "bob", kickoff, resolve, trigger, SIGNING_SECRET, now(), null);
        // https://api.slack.com/interactivity/handling#acknowledgment_response: 200 within 3 s.
        assertEquals(200, ack.statusCode(), ack.body());
        JsonObject refusal = awaitPrivateTo(BOB, before, "commander");
        assertNotNull(refusal);
        assertTrue(slack.callsOf("views.open", before).stream()
                        .noneMatch(c -> trigger.equals(str(c, "trigger_id"))),
                "a non-commander's Resolve opened the resolve form");
        assertTrue(slack.callsOf("chat.update", before).stream()
                        .noneMatch(c -> kickoff.get("ts_sent").getAsString().equals(c.get("ts").getAsString())),
                "a refused click edited the kick-off");
    }

    private JsonObject actionItem;
    private int actionItemUpdates;
    private String doneClickBody;

    @Test
    @Order(5)
    void clickingDoneRunsTheCommandOnceAndEditsTheMessage() throws Exception {
        assertNotNull(incidentChannel, "no incident channel");
        int before = slack.calls.size();
        slash(ALICE, "alice", incidentChannel, "action Add a canary stage");
        actionItem = awaitCall("chat.postMessage", c -> incidentChannel.equals(c.get("channel").getAsString())
                && c.get("text").getAsString().contains("canary") && hasActions(c), before);
        JsonObject done = button(actionItem, "Done");

        int clickFrom = slack.calls.size();
        HttpResponse<String> ack = click(ALICE, "alice", actionItem, done, nextTrigger(), SIGNING_SECRET, now(), null);
        doneClickBody = lastClickBody;
        assertEquals(200, ack.statusCode(), ack.body());
        String ts = actionItem.get("ts_sent").getAsString();
        // https://api.slack.com/methods/chat.update: the clicked message is edited in place (channel + ts).
        JsonObject update = awaitCall("chat.update", c -> ts.equals(c.get("ts").getAsString()), clickFrom);
        assertEquals(incidentChannel, update.get("channel").getAsString());
        assertTrue(update.getAsJsonObject("response").get("ok").getAsBoolean(), "Slack refused the edit: " + update);
        assertTrue(buttons(blocks(update)).stream()
                        .noneMatch(b -> done.get("action_id").getAsString().equals(b.get("action_id").getAsString())),
                "the edited message still offers the Done button: " + update.get("blocks"));
        barrier("after-done");
        actionItemUpdates = slack.callsOf("chat.update", clickFrom).stream()
                .filter(c -> ts.equals(c.get("ts").getAsString())).toList().size();
        assertEquals(1, doneAnnouncements(clickFrom, "canary"), "the click should mark the action item done once");
    }

    @Test
    @Order(6)
    void theSameClickRetriedBySlackDoesNothingTwice() throws Exception {
        assertNotNull(actionItem, "no action item");
        JsonObject done = button(actionItem, "Done");
        int from = slack.calls.size();
        // The identical payload again (same trigger_id / action_ts), as a retry marked X-Slack-Retry-Num:
        // https://api.slack.com/apis/connections/events-api#retries
        HttpResponse<String> ack = post(doneClickBody, SIGNING_SECRET, now(), "1");
        assertTrue(ack.statusCode() < 300, "a retry is acknowledged, not failed: " + ack.statusCode());
        barrier("after-retry");
        String ts = actionItem.get("ts_sent").getAsString();
        // Taken once by its id: the retry is not run again, so nobody hears about it either.
        assertEquals(List.of(), slack.calls.stream().skip(from)
                .filter(c -> c.toString().contains("Action item #1") || c.toString().contains("canary"))
                .map(c -> c.get("method").getAsString() + " " + str(c, "text")).toList(),
                "the retried click was run a second time");
        assertEquals(0, doneAnnouncements(from, "canary"), "the retried click marked the item done again");
        assertEquals(0, slack.callsOf("chat.update", from).stream()
                .filter(c -> ts.equals(c.get("ts").getAsString())).count(), "the retried click edited the message again");
        assertTrue(actionItemUpdates >= 1);
    }

    @Test
    @Order(7)
    void badlySignedOrStaleClickGets401AndChangesNothing() throws Exception {
        assertNotNull(incidentChannel, "no incident channel");
        int before = slack.calls.size();
        slash(ALICE, "alice", incidentChannel, "action Roll back faster");
        JsonObject item = awaitCall("chat.postMessage", c -> incidentChannel.equals(c.get("channel").getAsString())
                && c.get("text").getAsString().contains("Roll back") && hasActions(c), before);
        JsonObject done = button(item, "Done");
        int from = slack.calls.size();
        // https://api.slack.com/authentication/verifying-requests-from-slack: a wrong v0 signature, or a
        // timestamp more than five minutes away, must be rejected.
        HttpResponse<String> wrong = click(ALICE, "alice", item, done, nextTrigger(), "not-the-secret", now(), null);
        assertEquals(401, wrong.statusCode(), "badly signed click: " + wrong.body());
        HttpResponse<String> stale = click(ALICE, "alice", item, done, nextTrigger(), SIGNING_SECRET,
                now() - 6 * 60, null);
        assertEquals(401, stale.statusCode(), "click signed six minutes ago: " + stale.body());
        barrier("after-bad-signature");
        String ts = item.get("ts_sent").getAsString();
        assertEquals(0, slack.callsOf("chat.update", from).stream()
                .filter(c -> ts.equals(c.get("ts").getAsString())).count(), "a refused click edited the message");
        assertEquals(0, doneAnnouncements(from, "Roll back"), "a refused click marked the item done");
    }

    @Test
    @Order(8)
    void aStaleButtonOfAResolvedIncidentAnswersItIsResolvedAndLosesItsButtons() throws Exception {
        assertNotNull(hostileKickoff, "no second incident");
        String channel = hostileKickoff.get("channel").getAsString();
        String ts = hostileKickoff.get("ts_sent").getAsString();
        int from = slack.calls.size();
        slash(ALICE, "alice", channel, "resolve Rolled back");
        String resolveUrl = lastResponseUrlId;
        waitFor("the resolve was handled", () -> slack.calls.stream().skip(from).anyMatch(c ->
                channel.equals(str(c, "channel")) && !str(c, "text").isEmpty() && !c.toString().contains(resolveUrl + "\"")
                        && str(c, "text").toLowerCase().contains("resolved")));
        String trigger = nextTrigger();
        int clickFrom = slack.calls.size();
        HttpResponse<String> ack = click(ALICE, "alice", hostileKickoff, button(hostileKickoff, "Take command"), trigger,
                SIGNING_SECRET, now(), null);
        assertEquals(200, ack.statusCode(), ack.body());
        // README "Messages and buttons": a button of a resolved incident answers "INC-n is resolved".
        awaitPrivateTo(ALICE, clickFrom, "inc-2 is resolved");
        // ... and loses its buttons: the kick-off is edited (https://api.slack.com/methods/chat.update).
        JsonObject edit = awaitCall("chat.update", c -> ts.equals(str(c, "ts")), from);
        assertTrue(buttons(blocks(edit)).isEmpty(), "the resolved incident's kick-off keeps buttons: " + edit.get("blocks"));
    }

    @Test
    @Order(9)
    void everyBlocksPayloadSitrepSentWasOneSlackAccepts() {
        // https://api.slack.com/reference/block-kit/blocks: Slack answers invalid_blocks to anything else.
        List<String> refused = slack.calls.stream()
                .filter(c -> c.getAsJsonArray("violations").size() > 0)
                .map(c -> c.get("method").getAsString() + ": " + c.get("violations") + " in " + c.get("blocks"))
                .toList();
        assertEquals(List.of(), refused);
        assertEquals(Set.of(), slack.unknownMethods, "methods the stand-in does not know (answered unknown_method)");
    }

    // ---------------------------------------------------------------- helpers

    private String lastTrigger;
    private String lastResponseUrlId;
    private String lastClickBody;

    private String nextTrigger() {
        lastTrigger = "13345224609." + (738474920 + triggers.incrementAndGet()) + ".bbslack"
                + Long.toHexString(System.nanoTime());
        return lastTrigger;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A slash command as Slack sends it: https://api.slack.com/interactivity/slash-commands#app_command_handling */
    private HttpResponse<String> slash(String user, String name, String channel, String text) throws Exception {
        String responseUrl = slack.newResponseUrl(channel, user);
        lastResponseUrlId = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
        Map<String, String> form = SignedSlackRequests.slashCommandFields(new SignedSlackRequests.Typist("T0BBSLACK",
                "bbslack", "A0BBSLACK", user, name, channel, channel.equals(GENERAL) ? "general" : "incident"),
                text, responseUrl, nextTrigger());
        return post(formEncode(form), SIGNING_SECRET, now(), null);
    }

    /** A button click: https://api.slack.com/reference/interaction-payloads/block-actions, form field payload. */
    private HttpResponse<String> click(String user, String name, JsonObject message, JsonObject button, String trigger,
            String secret, long timestamp, String retryNum) throws Exception {
        String channel = message.get("channel").getAsString();
        String ts = message.get("ts_sent").getAsString();
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        JsonObject u = new JsonObject();
        u.addProperty("id", user);
        u.addProperty("username", name);
        u.addProperty("name", name);
        u.addProperty("team_id", "T0BBSLACK");
        payload.add("user", u);
        payload.addProperty("api_app_id", "A0BBSLACK");
        payload.addProperty("token", "verification-token-unused");
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", ts);
        container.addProperty("channel_id", channel);
        container.addProperty("is_ephemeral", false);
        payload.add("container", container);
        payload.addProperty("trigger_id", trigger);
        JsonObject team = new JsonObject();
        team.addProperty("id", "T0BBSLACK");
        team.addProperty("domain", "bbslack");
        payload.add("team", team);
        payload.add("enterprise", null);
        payload.addProperty("is_enterprise_install", false);
        JsonObject ch = new JsonObject();
        ch.addProperty("id", channel);
        ch.addProperty("name", "incident");
        payload.add("channel", ch);
        JsonObject msg = new JsonObject();
        msg.addProperty("type", "message");
        msg.addProperty("subtype", "bot_message");
        msg.addProperty("text", message.get("text").getAsString());
        msg.addProperty("ts", ts);
        msg.addProperty("bot_id", "B0SITREP01");
        msg.add("blocks", blocks(message));
        payload.add("message", msg);
        payload.add("state", JsonParser.parseString("{\"values\":{}}"));
        payload.addProperty("response_url", slack.newResponseUrl(channel, user));
        JsonArray actions = new JsonArray();
        JsonObject action = new JsonObject();
        action.addProperty("action_id", button.get("action_id").getAsString());
        action.addProperty("block_id", button.get("block_id_of_parent").getAsString());
        action.add("text", button.get("text"));
        if (button.has("value")) {
            action.addProperty("value", button.get("value").getAsString());
        }
        if (button.has("style")) {
            action.addProperty("style", button.get("style").getAsString());
        }
        action.addProperty("type", "button");
        action.addProperty("action_ts", timestamp + ".123456");
        actions.add(action);
        payload.add("actions", actions);
        String body = "payload=" + URLEncoder.encode(payload.toString(), UTF_8);
        lastClickBody = body;
        return post(body, secret, timestamp, retryNum);
    }

    /** Signed as https://api.slack.com/authentication/verifying-requests-from-slack describes. */
    private HttpResponse<String> post(String body, String secret, long timestamp, String retryNum) throws Exception {
        HttpRequest.Builder req = SignedSlackRequests.redelivery(SignedSlackRequests.slackPost(
                        URI.create("http://127.0.0.1:" + botPort + "/slack/events"), body,
                        "application/x-www-form-urlencoded", timestamp, SignedSlackRequests.sign(secret, timestamp, body)),
                        retryNum == null ? null : Integer.valueOf(retryNum), "http_timeout")
                .timeout(Duration.ofSeconds(10));
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Commands from one channel run in the order they were typed (README): a note in the incident channel
     * whose effects show up means everything sent before it has been handled.
     */
    private void barrier(String tag) throws Exception {
        int from = slack.calls.size();
        String word = "barrier-" + tag + "-" + triggers.incrementAndGet();
        slash(ALICE, "alice", incidentChannel, "note " + word);
        String urlId = lastResponseUrlId;
        waitFor("the barrier note " + word + " was handled", () -> slack.calls.stream().skip(from)
                .anyMatch(c -> c.toString().contains(word) || urlId.equals(str(c, "url_id"))));
    }

    private long doneAnnouncements(int from, String itemWord) {
        return slack.calls.stream().skip(from)
                .filter(c -> c.get("method").getAsString().equals("chat.postMessage"))
                .filter(c -> incidentChannel.equals(c.get("channel").getAsString()))
                .filter(c -> {
                    String t = c.has("text") ? c.get("text").getAsString() : "";
                    return t.contains(itemWord) && t.toLowerCase().contains("done");
                }).count();
    }

    private JsonObject awaitPrivateTo(String user, int from, String word) throws Exception {
        JsonObject[] found = new JsonObject[1];
        waitFor("a private answer to " + user + " containing '" + word + "'", () -> {
            for (JsonObject c : slack.calls.stream().skip(from).toList()) {
                String m = c.get("method").getAsString();
                boolean ephemeral = m.equals("chat.postEphemeral") && user.equals(str(c, "user"))
                        || m.equals("response_url") && user.equals(str(c, "for_user"))
                        && !"in_channel".equals(str(c, "response_type"));
                if (ephemeral && (str(c, "text") + c.get("blocks")).toLowerCase().contains(word)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private JsonObject awaitCall(String method, Predicate<JsonObject> match, int from) throws Exception {
        JsonObject[] found = new JsonObject[1];
        waitFor(method + " call", () -> {
            for (JsonObject c : slack.callsOf(method, from)) {
                if (match.test(c)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private void waitFor(String what, BooleanSupplier condition) throws Exception {
        waitFor(what, WAIT, condition);
    }

    private void waitFor(String what, Duration max, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(max);
        while (!condition.getAsBoolean()) {
            if (bot != null && !bot.isAlive()) {
                fail("sitrep exited (" + bot.exitValue() + ") while waiting for " + what + "; log tail:\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting for " + what + "; calls seen: " + slack.summary() + "\nlog tail:\n" + logTail());
            }
            Thread.sleep(50);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(botLog);
            return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream()
                    .map(l -> l.replace(BOT_TOKEN, "***").replace(SIGNING_SECRET, "***"))
                    .collect(Collectors.joining("\n"));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    private boolean ready() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + botPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String formEncode(Map<String, String> form) {
        return SignedSlackRequests.form(form);
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }

    private static JsonArray blocks(JsonObject call) {
        return call.has("blocks") && call.get("blocks").isJsonArray() ? call.getAsJsonArray("blocks") : new JsonArray();
    }

    private static boolean hasActions(JsonObject call) {
        return !buttons(blocks(call)).isEmpty();
    }

    private static List<JsonObject> buttons(JsonArray blocks) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            if ("actions".equals(str(block, "type")) && block.has("elements")) {
                for (JsonElement e : block.getAsJsonArray("elements")) {
                    JsonObject el = e.getAsJsonObject().deepCopy();
                    if ("button".equals(str(el, "type"))) {
                        el.addProperty("block_id_of_parent", str(block, "block_id"));
                        out.add(el);
                    }
                }
            }
            if ("section".equals(str(block, "type")) && block.has("accessory")
                    && "button".equals(str(block.getAsJsonObject("accessory"), "type"))) {
                JsonObject el = block.getAsJsonObject("accessory").deepCopy();
                el.addProperty("block_id_of_parent", str(block, "block_id"));
                out.add(el);
            }
        }
        return out;
    }

    private static JsonObject button(JsonObject message, String label) {
        return buttons(blocks(message)).stream()
                .filter(b -> label.equals(b.getAsJsonObject("text").get("text").getAsString()))
                .findFirst().orElseGet(() -> fail("no '" + label + "' button in " + message.get("blocks")));
    }

    /** Texts of the given kind: "mrkdwn" (every mrkdwn text object) or "header" (header blocks' text). */
    private static List<String> texts(JsonElement node, String kind) {
        List<String> out = new ArrayList<>();
        collect(node, kind, out);
        return out;
    }

    private static void collect(JsonElement node, String kind, List<String> out) {
        if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(n -> collect(n, kind, out));
        } else if (node.isJsonObject()) {
            JsonObject o = node.getAsJsonObject();
            if (kind.equals("mrkdwn") && "mrkdwn".equals(str(o, "type")) && o.has("text")) {
                out.add(str(o, "text"));
            }
            if (kind.equals("header") && "header".equals(str(o, "type")) && o.has("text")) {
                out.add(str(o.getAsJsonObject("text"), "text"));
            }
            o.entrySet().forEach(e -> collect(e.getValue(), kind, out));
        }
    }

    // ---------------------------------------------------------------- the Slack stand-in

    /**
     * Slack's Web API on 127.0.0.1, strict about Block Kit. Records every call as a JSON object: method,
     * the arguments, the parsed blocks, the violations found and the response sent.
     */
    static final class BlockKitSlack implements AutoCloseable {
        final List<JsonObject> calls = new CopyOnWriteArrayList<>();
        final Set<String> unknownMethods = ConcurrentHashMap.newKeySet();
        private final HttpServer server;
        private final String token;
        private final Map<String, String> users;
        private final Map<String, JsonObject> messages = new ConcurrentHashMap<>();
        private final Map<String, String> channelNames = new ConcurrentHashMap<>();
        private final Map<String, String[]> responseUrls = new ConcurrentHashMap<>();
        private final AtomicInteger seq = new AtomicInteger(100);

        BlockKitSlack(String token, Map<String, String> users) throws IOException {
            this.token = token;
            this.users = users;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/api/", this::api);
            server.createContext("/respond/", this::respond);
            // The upload URL answers 200 "OK - <bytes>" (https://api.slack.com/messaging/files#upload).
            server.createContext("/upload/", ex -> {
                int n = ex.getRequestBody().readAllBytes().length;
                byte[] ok = ("OK - " + n).getBytes(UTF_8);
                ex.sendResponseHeaders(200, ok.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(ok);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
        }

        String apiUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
        }

        String newResponseUrl(String channel, String user) {
            String id = String.valueOf(seq.incrementAndGet());
            responseUrls.put(id, new String[] {channel, user});
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
        }

        List<JsonObject> callsOf(String method, int from) {
            return calls.stream().skip(from).filter(c -> method.equals(c.get("method").getAsString())).toList();
        }

        String summary() {
            return calls.stream().map(c -> c.get("method").getAsString() + (c.has("channel") ? "(" + str(c, "channel")
                    + ")" : "") + (c.getAsJsonObject("response").get("ok").getAsBoolean() ? ""
                    : "!" + str(c.getAsJsonObject("response"), "error"))).collect(Collectors.joining(", "));
        }

        @Override
        public void close() {
            server.stop(0);
        }

        /** https://api.slack.com/interactivity/handling#message_responses: JSON posted to response_url. */
        private void respond(HttpExchange ex) throws IOException {
            String id = ex.getRequestURI().getPath().substring("/respond/".length());
            String[] target = responseUrls.get(id);
            String body = new String(ex.getRequestBody().readAllBytes(), UTF_8);
            JsonObject call = new JsonObject();
            call.addProperty("method", "response_url");
            call.add("violations", new JsonArray());
            if (target == null) {
                call.getAsJsonArray("violations").add("unknown response_url");
                reply(ex, 404, "{\"ok\":false,\"error\":\"expired_url\"}", call);
                return;
            }
            call.addProperty("channel", target[0]);
            call.addProperty("for_user", target[1]);
            call.addProperty("url_id", id);
            try {
                JsonObject msg = JsonParser.parseString(body).getAsJsonObject();
                msg.entrySet().forEach(e -> call.add(e.getKey(), e.getValue()));
                if (msg.has("blocks")) {
                    validateBlocks(msg.get("blocks").toString(), call);
                }
            } catch (RuntimeException e) {
                call.getAsJsonArray("violations").add("response_url body is not JSON");
                reply(ex, 400, "{\"ok\":false,\"error\":\"invalid_payload\"}", call);
                return;
            }
            reply(ex, 200, "{\"ok\":true}", call);
        }

        private void api(HttpExchange ex) throws IOException {
            String method = ex.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> args = args(ex);
            JsonObject call = new JsonObject();
            call.addProperty("method", method);
            call.add("violations", new JsonArray());
            args.forEach(call::addProperty);
            // https://api.slack.com/web#authentication: bearer token in Authorization (or a token argument).
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : args.get("token");
            call.remove("token");
            if (given == null) {
                reply(ex, 200, "{\"ok\":false,\"error\":\"not_authed\"}", call);
                return;
            }
            if (!token.equals(given)) {
                reply(ex, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}", call);
                return;
            }
            JsonObject res = new JsonObject();
            res.addProperty("ok", true);
            switch (method) {
                case "auth.test" -> {
                    // https://api.slack.com/methods/auth.test
                    res.addProperty("url", "https://bbslack.slack.com/");
                    res.addProperty("team", "bbslack");
                    res.addProperty("user", "sitrep");
                    res.addProperty("team_id", "T0BBSLACK");
                    res.addProperty("user_id", "U0SITREP01");
                    res.addProperty("bot_id", "B0SITREP01");
                }
                case "chat.postMessage", "chat.update", "chat.postEphemeral" -> {
                    if (!message(method, args, call, res)) {
                        reply(ex, 200, res.toString(), call);
                        return;
                    }
                }
                case "conversations.create" -> {
                    // https://api.slack.com/methods/conversations.create: lower case, no spaces or periods, <= 80.
                    String name = args.getOrDefault("name", "");
                    if (name.isEmpty() || name.length() > 80 || !name.matches("[a-z0-9_\\-\\p{L}]+")) {
                        error(res, "invalid_name_specials");
                    } else if (channelNames.containsValue(name)) {
                        error(res, "name_taken");
                    } else {
                        String id = "C0INC" + seq.incrementAndGet();
                        channelNames.put(id, name);
                        res.add("channel", channel(id, name, "true".equals(args.get("is_private"))));
                    }
                }
                case "conversations.info", "conversations.join", "conversations.invite", "conversations.setTopic",
                        "conversations.setPurpose", "conversations.rename", "conversations.unarchive" -> {
                    String id = args.getOrDefault("channel", "");
                    res.add("channel", channel(id, channelNames.getOrDefault(id, "general"), false));
                }
                case "conversations.archive", "pins.add", "pins.remove", "reactions.add", "bookmarks.add",
                        "conversations.kick" -> {
                    // {"ok":true}: https://api.slack.com/methods/pins.add and peers
                }
                case "conversations.history", "conversations.replies" -> {
                    // https://api.slack.com/methods/conversations.history: newest first.
                    JsonArray msgs = new JsonArray();
                    String ch = args.getOrDefault("channel", "");
                    messages.values().stream().filter(m -> ch.equals(str(m, "channel")))
                            .sorted((a, b) -> str(b, "ts").compareTo(str(a, "ts"))).forEach(msgs::add);
                    res.add("messages", msgs);
                    res.addProperty("has_more", false);
                }
                case "conversations.members" -> {
                    JsonArray m = new JsonArray();
                    users.keySet().forEach(m::add);
                    res.add("members", m);
                }
                case "conversations.list", "users.list" -> {
                    res.add(method.startsWith("users") ? "members" : "channels", new JsonArray());
                }
                case "pins.list" -> res.add("items", new JsonArray());
                case "files.getUploadURLExternal" -> {
                    // https://api.slack.com/methods/files.getUploadURLExternal: filename and length required.
                    if (!args.containsKey("filename") || !args.containsKey("length")) {
                        error(res, "invalid_arguments");
                    } else {
                        String id = "F0" + seq.incrementAndGet();
                        res.addProperty("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + id);
                        res.addProperty("file_id", id);
                    }
                }
                case "files.completeUploadExternal" -> {
                    // https://api.slack.com/methods/files.completeUploadExternal: answers the files shared.
                    JsonArray files = new JsonArray();
                    try {
                        for (JsonElement f : JsonParser.parseString(args.getOrDefault("files", "[]")).getAsJsonArray()) {
                            JsonObject o = new JsonObject();
                            o.addProperty("id", str(f.getAsJsonObject(), "id"));
                            o.addProperty("title", str(f.getAsJsonObject(), "title"));
                            files.add(o);
                        }
                        res.add("files", files);
                    } catch (RuntimeException e) {
                        error(res, "invalid_arguments");
                    }
                }
                case "users.info" -> {
                    // https://api.slack.com/methods/users.info
                    String id = args.getOrDefault("user", "");
                    if (!users.containsKey(id)) {
                        error(res, "user_not_found");
                    } else {
                        JsonObject u = new JsonObject();
                        u.addProperty("id", id);
                        u.addProperty("name", users.get(id));
                        u.addProperty("real_name", users.get(id));
                        u.addProperty("tz", "UTC");
                        u.addProperty("is_bot", false);
                        JsonObject p = new JsonObject();
                        p.addProperty("display_name", users.get(id));
                        p.addProperty("real_name", users.get(id));
                        u.add("profile", p);
                        res.add("user", u);
                    }
                }
                case "chat.getPermalink" -> {
                    res.addProperty("channel", args.getOrDefault("channel", ""));
                    res.addProperty("permalink", "https://bbslack.slack.com/archives/" + args.getOrDefault("channel", "")
                            + "/p" + args.getOrDefault("message_ts", "").replace(".", ""));
                }
                case "views.open", "views.push", "views.update" -> {
                    // https://api.slack.com/methods/views.open: trigger_id and a view are required.
                    if (method.equals("views.open") && !args.containsKey("trigger_id")) {
                        error(res, "invalid_arguments");
                    } else {
                        JsonObject view = new JsonObject();
                        view.addProperty("id", "V0" + seq.incrementAndGet());
                        view.addProperty("type", "modal");
                        res.add("view", view);
                    }
                }
                default -> {
                    unknownMethods.add(method);
                    error(res, "unknown_method");
                }
            }
            reply(ex, 200, res.toString(), call);
        }

        /** chat.postMessage / chat.update / chat.postEphemeral; false when Slack refuses the call. */
        private boolean message(String method, Map<String, String> args, JsonObject call, JsonObject res) {
            String channel = args.get("channel");
            if (channel == null || channel.isBlank()) {
                error(res, "channel_not_found");
                return false;
            }
            boolean hasBlocks = args.containsKey("blocks") && !args.get("blocks").isBlank();
            String text = args.getOrDefault("text", "");
            if (hasBlocks) {
                validateBlocks(args.get("blocks"), call);
                if (call.getAsJsonArray("violations").size() > 0) {
                    // https://api.slack.com/methods/chat.postMessage#errors: invalid_blocks
                    error(res, "invalid_blocks");
                    JsonArray errs = new JsonArray();
                    call.getAsJsonArray("violations").forEach(errs::add);
                    res.add("errors", errs);
                    return false;
                }
                if (text.isBlank()) {
                    // Slack accepts it but notifications and screen readers get nothing: the issue requires the
                    // fallback (https://api.slack.com/methods/chat.postMessage#arg_text).
                    call.getAsJsonArray("violations").add("missing text fallback");
                    res.addProperty("warning", "missing_text");
                }
            } else if (text.isBlank() && !args.containsKey("attachments")) {
                error(res, "no_text"); // https://api.slack.com/methods/chat.postMessage#errors
                return false;
            }
            if (text.length() > 40_000) {
                error(res, "msg_too_long");
                return false;
            }
            if (method.equals("chat.postEphemeral")) {
                // https://api.slack.com/methods/chat.postEphemeral: user is required.
                if (!users.containsKey(args.getOrDefault("user", ""))) {
                    error(res, "user_not_in_channel");
                    return false;
                }
                res.addProperty("message_ts", nextTs());
                return true;
            }
            String ts;
            if (method.equals("chat.update")) {
                ts = args.getOrDefault("ts", "");
                JsonObject old = messages.get(ts);
                if (old == null || !channel.equals(str(old, "channel"))) {
                    error(res, "message_not_found"); // https://api.slack.com/methods/chat.update#errors
                    return false;
                }
            } else {
                ts = nextTs();
            }
            JsonObject msg = new JsonObject();
            msg.addProperty("type", "message");
            msg.addProperty("subtype", "bot_message");
            msg.addProperty("bot_id", "B0SITREP01");
            msg.addProperty("text", text);
            msg.addProperty("ts", ts);
            msg.addProperty("channel", channel);
            if (call.has("blocks")) {
                msg.add("blocks", call.get("blocks"));
            }
            if (args.containsKey("metadata")) {
                try {
                    msg.add("metadata", JsonParser.parseString(args.get("metadata")));
                } catch (RuntimeException e) {
                    error(res, "invalid_metadata_format");
                    return false;
                }
            }
            messages.put(ts, msg);
            call.addProperty("ts_sent", ts);
            res.addProperty("channel", channel);
            res.addProperty("ts", ts);
            if (method.equals("chat.update")) {
                res.addProperty("text", text);
            }
            JsonObject copy = msg.deepCopy();
            copy.remove("channel");
            res.add("message", copy);
            return true;
        }

        private String nextTs() {
            return Instant.now().getEpochSecond() + "." + String.format("%06d", seq.incrementAndGet());
        }

        /** The Block Kit rules Slack enforces for messages. */
        static void validateBlocks(String json, JsonObject call) {
            JsonArray v = call.getAsJsonArray("violations");
            JsonElement parsed;
            try {
                parsed = JsonParser.parseString(json);
            } catch (RuntimeException e) {
                v.add("blocks is not JSON: " + e.getMessage());
                return;
            }
            if (!parsed.isJsonArray()) {
                v.add("blocks is not a JSON array"); // https://api.slack.com/methods/chat.postMessage#arg_blocks
                return;
            }
            JsonArray blocks = parsed.getAsJsonArray();
            call.add("blocks", blocks);
            // https://api.slack.com/reference/block-kit/blocks: up to 50 blocks in each message.
            if (blocks.size() > 50) {
                v.add("more than 50 blocks: " + blocks.size());
            }
            Set<String> blockIds = new HashSet<>();
            for (int i = 0; i < blocks.size(); i++) {
                String at = "/" + i;
                if (!blocks.get(i).isJsonObject()) {
                    v.add(at + " is not an object");
                    continue;
                }
                JsonObject b = blocks.get(i).getAsJsonObject();
                // https://api.slack.com/reference/block-kit/blocks: block_id <= 255 chars, unique per message.
                if (b.has("block_id")) {
                    String id = str(b, "block_id");
                    if (id.length() > 255 || !blockIds.add(id)) {
                        v.add(at + "/block_id too long or duplicated: " + id);
                    }
                }
                String type = str(b, "type");
                switch (type) {
                    case "header" -> {
                        // https://api.slack.com/reference/block-kit/blocks#header: plain_text, max 150.
                        text(b.get("text"), at + "/text", 150, true, v);
                    }
                    case "section" -> {
                        // https://api.slack.com/reference/block-kit/blocks#section: text <= 3000, fields <= 10
                        // each <= 2000; text or fields required.
                        if (!b.has("text") && !b.has("fields")) {
                            v.add(at + " section needs text or fields");
                        }
                        if (b.has("text")) {
                            text(b.get("text"), at + "/text", 3000, false, v);
                        }
                        if (b.has("fields")) {
                            JsonArray f = b.get("fields").isJsonArray() ? b.getAsJsonArray("fields") : new JsonArray();
                            if (f.size() == 0 || f.size() > 10) {
                                v.add(at + "/fields must hold 1 to 10 items: " + f.size());
                            }
                            for (int j = 0; j < f.size(); j++) {
                                text(f.get(j), at + "/fields/" + j, 2000, false, v);
                            }
                        }
                        if (b.has("accessory")) {
                            element(b.get("accessory"), at + "/accessory", new HashSet<>(), v);
                        }
                    }
                    case "context" -> {
                        // https://api.slack.com/reference/block-kit/blocks#context: 1..10 text or image elements.
                        JsonArray els = b.has("elements") && b.get("elements").isJsonArray()
                                ? b.getAsJsonArray("elements") : new JsonArray();
                        if (els.size() == 0 || els.size() > 10) {
                            v.add(at + "/elements must hold 1 to 10 items: " + els.size());
                        }
                        for (int j = 0; j < els.size(); j++) {
                            JsonElement e = els.get(j);
                            if (e.isJsonObject() && "image".equals(str(e.getAsJsonObject(), "type"))) {
                                continue;
                            }
                            text(e, at + "/elements/" + j, 3000, false, v);
                        }
                    }
                    case "actions" -> {
                        // https://api.slack.com/reference/block-kit/blocks#actions: max 25 elements.
                        JsonArray els = b.has("elements") && b.get("elements").isJsonArray()
                                ? b.getAsJsonArray("elements") : new JsonArray();
                        if (els.size() == 0 || els.size() > 25) {
                            v.add(at + "/elements must hold 1 to 25 items: " + els.size());
                        }
                        Set<String> actionIds = new HashSet<>();
                        for (int j = 0; j < els.size(); j++) {
                            element(els.get(j), at + "/elements/" + j, actionIds, v);
                        }
                    }
                    case "divider" -> { }
                    case "image", "rich_text", "file", "video", "markdown", "table", "context_actions" -> { }
                    default -> v.add(at + " unknown block type for a message: '" + type + "'");
                }
            }
        }

        /** https://api.slack.com/reference/block-kit/block-elements#button */
        private static void element(JsonElement node, String at, Set<String> actionIds, JsonArray v) {
            if (!node.isJsonObject()) {
                v.add(at + " is not an object");
                return;
            }
            JsonObject e = node.getAsJsonObject();
            String type = str(e, "type");
            if (!type.equals("button")) {
                if (!Set.of("static_select", "overflow", "datepicker", "users_select", "conversations_select",
                        "channels_select", "external_select", "image", "timepicker", "checkboxes", "radio_buttons")
                        .contains(type)) {
                    v.add(at + " unknown element type '" + type + "'");
                }
                return;
            }
            text(e.get("text"), at + "/text", 75, true, v);
            if (e.has("action_id")) {
                String id = str(e, "action_id");
                // action_id <= 255 and unique among the block's action_ids.
                if (id.isEmpty() || id.length() > 255) {
                    v.add(at + "/action_id length must be 1..255: " + id.length());
                }
                if (!actionIds.add(id)) {
                    v.add(at + "/action_id duplicated: " + id);
                }
            }
            if (e.has("value") && str(e, "value").length() > 2000) {
                v.add(at + "/value longer than 2000");
            }
            if (e.has("url") && str(e, "url").length() > 3000) {
                v.add(at + "/url longer than 3000");
            }
            if (e.has("style") && !Set.of("primary", "danger").contains(str(e, "style"))) {
                v.add(at + "/style must be primary or danger: " + str(e, "style"));
            }
        }

        /** https://api.slack.com/reference/block-kit/composition-objects#text: plain_text or mrkdwn, 1..max. */
        private static void text(JsonElement node, String at, int max, boolean plainOnly, JsonArray v) {
            if (node == null || !node.isJsonObject()) {
                v.add(at + " must be a text object");
                return;
            }
            JsonObject t = node.getAsJsonObject();
            String type = str(t, "type");
            if (plainOnly ? !type.equals("plain_text") : !Set.of("plain_text", "mrkdwn").contains(type)) {
                v.add(at + "/type not allowed here: '" + type + "'");
            }
            if (!t.has("text") || !t.get("text").isJsonPrimitive()) {
                v.add(at + "/text missing");
                return;
            }
            int len = str(t, "text").length();
            if (len == 0 || len > max) {
                v.add(at + "/text length must be 1.." + max + ": " + len);
            }
        }

        private static JsonObject channel(String id, String name, boolean priv) {
            JsonObject c = new JsonObject();
            c.addProperty("id", id);
            c.addProperty("name", name);
            c.addProperty("name_normalized", name);
            c.addProperty("is_channel", !priv);
            c.addProperty("is_group", priv);
            c.addProperty("is_private", priv);
            c.addProperty("is_archived", false);
            c.addProperty("is_general", false);
            c.addProperty("is_member", true);
            c.addProperty("created", Instant.now().getEpochSecond());
            c.addProperty("creator", "U0SITREP01");
            return c;
        }

        private static void error(JsonObject res, String error) {
            res.addProperty("ok", false);
            res.addProperty("error", error);
        }

        /** Form arguments (the SDK's usual encoding) or a JSON body (https://api.slack.com/web#posting_json). */
        private static Map<String, String> args(HttpExchange ex) throws IOException {
            Map<String, String> out = new LinkedHashMap<>();
            String query = ex.getRequestURI().getRawQuery();
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), UTF_8);
            }
            String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            if (type.startsWith("application/json")) {
                JsonObject o = JsonParser.parseString(body).getAsJsonObject();
                o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().isJsonPrimitive()
                        ? e.getValue().getAsString() : e.getValue().toString()));
            } else {
                parseForm(body, out);
            }
            if (query != null) {
                parseForm(query, out);
            }
            return out;
        }

        private static void parseForm(String s, Map<String, String> out) {
            for (String pair : s.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
                String val = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
                out.putIfAbsent(k, val);
            }
        }

        private void reply(HttpExchange ex, int status, String body, JsonObject call) throws IOException {
            call.add("response", JsonParser.parseString(body));
            calls.add(call);
            byte[] bytes = body.getBytes(UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
