package dev.sitrep.bot.slack;

import dev.sitrep.commands.UpdateField;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sitrep.bot.slack.FakeSlackApi.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.sitrep.bot.SitrepApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Bolt app inside the real bot, over HTTP with signed requests, against WireMock standing
 * in for Slack's Web API. Assertions are on the exact Web API calls and their arguments.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackIntegrationTest {

    private static final String SECRET = "test-signing-secret";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static FakeSlackApi slack;
    private static ConfigurableApplicationContext bot;
    private static SignedSlackRequests requests;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlackApi();
        home = Files.createTempDirectory("sitrep-slack");
        bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0",
                "--sitrep.slack.bot-token=xoxb-test-token",
                "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.url(),
                "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.slack.first-backoff=50ms",
                "--sitrep.severities.sev1.update-every=2s",
                "--sitrep.reminders.poll-interval=200ms",
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"));
        requests = new SignedSlackRequests(Integer.parseInt(bot.getEnvironment().getProperty("local.server.port")), SECRET);
    }

    @AfterAll
    static void stop() {
        bot.close();
        slack.close();
    }

    @BeforeEach
    void forgetCalls() {
        slack.reset();
    }

    @Test
    @Order(1)
    void aWholeIncidentThroughSlack() throws Exception {
        slack.channelCreated("C100", "inc-1-checkout-errors");
        HttpResponse<String> ack = requests.command("U1", "alice", "CGENERAL", "start Checkout errors sev1", "T-start-1");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("Received `/incident start Checkout errors sev1`");

        await("kick-off pinned and announced", WAIT, () -> !slack.calls("pins.add").isEmpty()
                && !slack.messagesTo("CBROADCAST").isEmpty());
        assertThat(slack.calls("conversations.create")).singleElement().satisfies(f -> {
            assertThat(f).containsEntry("name", "inc-1-checkout-errors").containsEntry("is_private", "0");
        });
        assertThat(slack.calls("conversations.invite")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("channel", "C100").containsEntry("users", "U1"));
        assertThat(slack.calls("conversations.setTopic").get(0)).containsEntry("channel", "C100")
                .containsEntry("topic", "SEV1 · investigating · commander <@U1>");
        assertThat(slack.messagesTo("C100").get(0)).startsWith("INC-1 · SEV1 · Checkout errors\nCommander: <@U1>")
                .contains("<!date^");
        assertThat(slack.calls("pins.add").get(0)).containsEntry("channel", "C100")
                .containsEntry("timestamp", "1700000000.000100");
        assertThat(slack.messagesTo("CBROADCAST").get(0)).isEqualTo(
                "INC-1 (SEV1) declared: Checkout errors\nCommander: <@U1> · follow in <#C100>");
        await("private answer", WAIT, () -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0)).containsEntry("channel", "CGENERAL")
                .containsEntry("user", "U1");

        // Handover to a real Slack mention.
        slack.reset();
        requests.command("U1", "alice", "C100", "commander <@U2|bob>", "T-cmd-2");
        await("handover posted", WAIT, () -> slack.messagesTo("C100").stream().anyMatch(t -> t.contains("is now commander")));
        assertThat(slack.calls("users.info").get(0)).containsEntry("user", "U2");
        assertThat(slack.calls("conversations.invite").get(0)).containsEntry("users", "U2");
        assertThat(slack.messagesTo("C100")).contains("<@U2> is now commander (was <@U1>), set by <@U1>.");

        // /incident update with no fields opens the modal with the request's trigger id.
        slack.reset();
        requests.command("U2", "bob", "C100", "update", "T-modal-3");
        await("modal opened", WAIT, () -> !slack.calls("views.open").isEmpty());
        Map<String, String> open = slack.calls("views.open").get(0);
        assertThat(open).containsEntry("trigger_id", "T-modal-3");
        assertThat(open.get("view")).contains("\"callback_id\":\"incident_update\"").contains("\"private_metadata\":\"C100\"")
                .contains("\"block_id\":\"confirmed\"").contains("\"block_id\":\"next\"");

        // A bad duration in the modal is answered in the modal, not posted.
        HttpResponse<String> invalid = requests.interaction(viewSubmission("V1", "h1", "soon"));
        assertThat(invalid.body()).contains("\"response_action\":\"errors\"").contains("\"next\"");

        HttpResponse<String> submitted = requests.interaction(viewSubmission("V1", "h2", "10m"));
        assertThat(submitted.statusCode()).isEqualTo(200);
        await("update posted", WAIT, () -> slack.messagesTo("C100").stream().anyMatch(t -> t.startsWith("Update on INC-1")));
        String update = slack.messagesTo("C100").stream().filter(t -> t.startsWith("Update on INC-1")).findFirst().orElseThrow();
        assertThat(update).contains("from <@U2>").contains(UpdateField.CONFIRMED.label() + ": checkout returns 502 &amp; &lt;!here&gt; stays text")
                .contains(UpdateField.SUSPECTED.label() + ": deploy 4.2");
        await("update broadcast", WAIT, () -> slack.messagesTo("CBROADCAST").stream().anyMatch(t -> t.startsWith("Update on INC-1")));

        // The 10m next update is far away; a severity change re-arms at the 2s SEV1 cadence:
        // a reminder, then an escalation in the channel and the broadcast channel.
        slack.reset();
        requests.command("U2", "bob", "C100", "severity sev2", "T-sev-4");
        requests.command("U2", "bob", "C100", "severity sev1", "T-sev-5");
        await("escalation", WAIT, () -> slack.messagesTo("CBROADCAST").stream().anyMatch(t -> t.contains("updates are overdue")));
        // Reminders and the overdue broadcast carry their idempotency key as message metadata.
        assertThat(slack.calls("chat.postMessage")).anyMatch(f -> "CBROADCAST".equals(f.get("channel"))
                && f.get("text").contains("updates are overdue") && f.getOrDefault("metadata", "").contains("sitrep_post"));
        assertThat(slack.calls("chat.postMessage")).anyMatch(f -> "C100".equals(f.get("channel"))
                && f.get("text").contains("update was due") && f.getOrDefault("metadata", "").contains("\"key\":\"reminder:"));
        assertThat(slack.messagesTo("C100")).anyMatch(t -> t.startsWith("<@U2> the INC-1 update was due <!date^"))
                .anyMatch(t -> t.startsWith("ESCALATION: INC-1 has missed 2 update cadences"));

        // A pin in the channel lands on the timeline.
        HttpResponse<String> pinned = requests.event(pinAdded("Ev-pin-1", "C100", "U3", "Root cause: the config push at 10:02"));
        assertThat(pinned.statusCode()).isEqualTo(200);
        // Resolve: durations, broadcast, postmortem.
        slack.reset();
        requests.command("U2", "bob", "C100", "resolve Rolled back config", "T-resolve-6");
        await("postmortem filed", WAIT, () -> slack.messagesTo("C100").stream().anyMatch(t -> t.startsWith("Postmortem skeleton")));
        assertThat(slack.messagesTo("C100")).anyMatch(t -> t.startsWith("INC-1 resolved by <@U2>. Summary: Rolled back config"));
        assertThat(slack.messagesTo("CBROADCAST")).anyMatch(t -> t.startsWith("INC-1 Checkout errors (SEV1) is resolved after"));
        // The skeleton is also shared in the channel as a file (files.uploadV2).
        assertThat(slack.calls("files.getUploadURLExternal").get(0)).containsEntry("filename", "INC-1-checkout-errors.md");
        assertThat(slack.server.findAll(postRequestedFor(urlEqualTo("/upload/F1"))).get(0).getBodyAsString())
                .contains("# INC-1: Checkout errors");
        assertThat(slack.calls("files.completeUploadExternal").get(0)).containsEntry("channel_id", "C100");
        assertThat(slack.messagesTo("C100")).anyMatch(t -> t.contains("channel: #inc-1-checkout-errors (INC-1-checkout-errors.md)"));
        String postmortem = Files.readString(home.resolve("postmortems/INC-1-checkout-errors.md"));
        assertThat(postmortem).contains("| carol | pin | carol: Pinned: Root cause: the config push at 10:02 |")
                .contains("| sitrep | escalation |").contains("- **" + UpdateField.CONFIRMED.label() + ":** checkout returns 502");
    }

    @Test
    void badSignaturesAndStaleTimestampsGet401AndChangeNothing() throws Exception {
        String body = SignedSlackRequests.slashCommand("U1", "alice", "CGENERAL", "start Forged sev1", "T-forged");
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> forged = requests.send(body, "application/x-www-form-urlencoded", now,
                SignedSlackRequests.sign("wrong-secret", now, body), null);
        assertThat(forged.statusCode()).isEqualTo(401);
        long stale = now - 6 * 60;
        HttpResponse<String> replayed = requests.send(body, "application/x-www-form-urlencoded", stale,
                SignedSlackRequests.sign(SECRET, stale, body), null);
        assertThat(replayed.statusCode()).isEqualTo(401);
        Thread.sleep(500);
        // Other tests' incidents may still be posting; nothing may come from the forged requests.
        assertThat(slack.calls("conversations.create")).noneMatch(f -> f.get("name").contains("forged"));
        assertThat(slack.calls("chat.postMessage")).noneMatch(f -> f.get("text").contains("Forged"));
        assertThat(slack.calls("chat.postEphemeral")).noneMatch(f -> f.get("text").contains("Forged"));
    }

    @Test
    void aCommandDeliveredThreeTimesMakesOneIncidentAndOneChannel() throws Exception {
        slack.channelCreated("C200", "inc-retry");
        String body = SignedSlackRequests.slashCommand("U1", "alice", "CGENERAL", "start Retried command", "T-retry-1");
        for (Integer retry : new Integer[] {null, 1, 2}) {
            HttpResponse<String> ack = requests.send(body, "application/x-www-form-urlencoded",
                    Instant.now().getEpochSecond(), null, retry);
            assertThat(ack.statusCode()).isEqualTo(200);
        }
        await("announcement", WAIT, () -> !slack.messagesTo("CBROADCAST").isEmpty());
        Thread.sleep(1_000);
        assertThat(slack.calls("conversations.create")).hasSize(1);
        assertThat(slack.messagesTo("CBROADCAST")).hasSize(1);
        assertThat(slack.messagesTo("C200")).hasSize(1);
    }

    @Test
    void a429IsWaitedOutThenTheCallSucceeds() throws Exception {
        var created = slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(2).willReturn(okJson(
                "{\"ok\":true,\"channel\":{\"id\":\"C300\",\"name\":\"inc-rate-limited\"}}")));
        // Refused again when retried before Retry-After has passed, as Slack does.
        slack.rateLimitNext("conversations.create", 1);
        try {
            requests.command("U1", "alice", "CGENERAL", "start Rate limited", "T-429");
            await("channel prepared after the wait", WAIT, () -> !slack.messagesTo("C300").isEmpty());
            assertThat(slack.earlyCalls("conversations.create")).as("calls before Retry-After had passed").isZero();
            assertThat(slack.requests("conversations.create")).as("the refused call and its one retry").hasSize(2);
        } finally {
            slack.stopRateLimiting("conversations.create");
            slack.server.removeStub(created);
        }
    }

    @Test
    void aTakenChannelNameGetsAnotherName() throws Exception {
        var taken = slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1)
                .withRequestBody(WireMock.containing("name=inc-")).withRequestBody(WireMock.notContaining("-2"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"name_taken\"}")));
        var renamed = slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1)
                .withRequestBody(WireMock.containing("-2")).willReturn(okJson(
                        "{\"ok\":true,\"channel\":{\"id\":\"C400\",\"name\":\"taken-2\"}}")));
        requests.command("U1", "alice", "CGENERAL", "start Name taken", "T-taken");
        await("channel prepared", WAIT, () -> !slack.messagesTo("C400").isEmpty());
        List<Map<String, String>> creates = slack.calls("conversations.create");
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).get("name")).isEqualTo(creates.get(0).get("name") + "-2");
        slack.server.removeStub(taken);
        slack.server.removeStub(renamed);
    }

    @Test
    void userTextIsRenderedInert() throws Exception {
        slack.channelCreated("C500", "inc-escaping");
        requests.command("U1", "alice", "CGENERAL", "start <!channel> & <@U999> > down", "T-escape");
        await("announcement", WAIT, () -> !slack.messagesTo("CBROADCAST").isEmpty());
        String announcement = slack.messagesTo("CBROADCAST").get(0);
        assertThat(announcement).contains("&lt;!channel&gt; &amp; &lt;@U999&gt; &gt; down")
                .doesNotContain("<!channel>").doesNotContain("<@U999>");
        assertThat(slack.calls("conversations.create").get(0).get("name")).matches("inc-\\d+-channel-u999-down");
    }

    @Test
    void aStepThatFailsForGoodIsExplainedAndCanBeRetried() throws Exception {
        var refused = slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:manage\"}")));
        requests.command("U1", "alice", "CGENERAL", "start Scope missing sev2", "T-scope-1");
        // Read as a person sees it: the zero width spaces that keep Slack from formatting are invisible.
        await("explanation", WAIT, () -> slack.calls("chat.postEphemeral").stream()
                .anyMatch(f -> seen(f.get("text")).contains("missing_scope")));
        String explanation = slack.calls("chat.postEphemeral").stream().map(f -> seen(f.get("text")))
                .filter(t -> t.contains("missing_scope")).findFirst().orElseThrow();
        assertThat(explanation).contains("Slack conversations.create failed: missing_scope (the app lacks a scope")
                .contains("run the command again").doesNotContain("xoxb").doesNotContain("Exception");

        slack.server.removeStub(refused);
        slack.channelCreated("C600", "inc-scope-missing");
        slack.reset();
        requests.command("U1", "alice", "CGENERAL", "start Scope missing sev2", "T-scope-2");
        await("announcement", WAIT, () -> !slack.messagesTo("CBROADCAST").isEmpty());
        // The retry finished the recorded incident instead of declaring a second one.
        String announced = slack.messagesTo("CBROADCAST").get(0);
        String firstTry = explanation.replaceAll("(?s)^(INC-\\d+) is recorded.*", "$1");
        assertThat(firstTry).matches("INC-\\d+");
        assertThat(slack.calls("conversations.create")).hasSize(1);
        assertThat(announced).startsWith(firstTry + " (SEV2) declared: Scope missing");
        await("private answer", WAIT, () -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0).get("text")).startsWith("Finished setting up " + firstTry + ":")
                .contains("post the kick-off").contains("announce the incident");
    }

    private static String seen(String text) {
        return text.replace("\u200B", "");
    }

    @Test
    void reactionsShortcutsAndJoinsLandOnTheTimelineOnceEach() throws Exception {
        slack.channelCreated("C700", "inc-timeline");
        requests.command("U1", "alice", "CGENERAL", "start Timeline events sev3", "T-timeline-1");
        await("channel prepared", WAIT, () -> !slack.calls("pins.add").isEmpty());
        var store = bot.getBean(dev.sitrep.commands.port.IncidentStore.class);
        var incident = store.findByChannel(new dev.sitrep.commands.incident.ChannelRef("slack", "C700", "C700")).orElseThrow();

        String reaction = event("Ev-react-1", """
                {"type":"reaction_added","user":"U3","reaction":"pushpin","item_user":"U2",
                 "item":{"type":"message","channel":"C700","ts":"1700000002.000300"},"event_ts":"1700000003.000100"}""");
        // Slack retries an event it thinks failed; the retry must not add a second entry.
        long now = Instant.now().getEpochSecond();
        assertThat(requests.send(reaction, "application/json", now, null, null).statusCode()).isEqualTo(200);
        assertThat(requests.send(reaction, "application/json", now, null, 1).statusCode()).isEqualTo(200);
        requests.event(event("Ev-other-emoji", """
                {"type":"reaction_added","user":"U3","reaction":"tada","item_user":"U2",
                 "item":{"type":"message","channel":"C700","ts":"1700000002.000300"},"event_ts":"1700000003.000200"}"""));
        requests.event(event("Ev-join-1", """
                {"type":"member_joined_channel","user":"U2","channel":"C700","channel_type":"C","team":"T1",
                 "event_ts":"1700000004.000100"}"""));
        requests.interaction("""
                {"type":"message_action","callback_id":"add_to_timeline","trigger_id":"T-shortcut-1",
                 "team":{"id":"T1","domain":"acme"},"user":{"id":"U1","name":"alice"},
                 "channel":{"id":"C700","name":"inc-timeline"},"message_ts":"1700000005.000100",
                 "message":{"type":"message","user":"U2","text":"Customer reports fixed in EU","ts":"1700000005.000100"},
                 "response_url":"http://127.0.0.1:9/response"}""".strip());

        await("three timeline entries", WAIT, () -> store.timeline(incident.id()).size() >= 5);
        Thread.sleep(500);
        assertThat(store.timeline(incident.id())).extracting(e -> e.kind() + " " + e.text()).containsSubsequence(
                "DECLARED Declared SEV3: Timeline events", "ROLE alice is commander")
                .contains("PIN carol: Marked with :pushpin: message 1700000002.000300",
                        "PARTICIPANT bob: joined the channel",
                        "PIN alice: Added to timeline: Customer reports fixed in EU")
                .hasSize(5);
    }

    private static String event(String eventId, String eventJson) {
        return ("{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":1700000000,\"event\":" + eventJson.strip() + "}");
    }

    private static String viewSubmission(String viewId, String hash, String next) {
        return """
                {"type":"view_submission","team":{"id":"T1","domain":"acme"},"user":{"id":"U2","name":"bob","team_id":"T1"},
                 "api_app_id":"A1","trigger_id":"T-view-%s",
                 "view":{"id":"%s","hash":"%s","type":"modal","callback_id":"incident_update","private_metadata":"C100",
                  "state":{"values":{
                    "confirmed":{"confirmed":{"type":"plain_text_input","value":"checkout returns 502 & <!here> stays text"}},
                    "suspected":{"suspected":{"type":"plain_text_input","value":"deploy 4.2"}},
                    "next":{"next":{"type":"plain_text_input","value":"%s"}}}}}}
                """.formatted(hash, viewId, hash, next);
    }

    private static String pinAdded(String eventId, String channel, String user, String text) {
        return """
                {"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"%s","event_time":1700000000,
                 "event":{"type":"pin_added","user":"%s","channel_id":"%s","event_ts":"1700000000.000300",
                  "item":{"type":"message","channel":"%s","created_by":"%s",
                   "message":{"type":"message","text":"%s","user":"%s","ts":"1700000001.000200"}}}}
                """.formatted(eventId, user, channel, channel, user, text, user).strip();
    }
}
