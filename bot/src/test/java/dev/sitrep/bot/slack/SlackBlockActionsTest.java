package dev.sitrep.bot.slack;

import static dev.sitrep.bot.slack.FakeSlackApi.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sitrep.bot.SitrepApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Buttons on Slack end to end: the real bot and Bolt app, signed {@code block_actions} payloads
 * (https://api.slack.com/reference/interaction-payloads/block-actions) as Slack sends them, the strict
 * Slack stand-in checking every blocks payload. A click runs its command and the clicked message is
 * edited with chat.update; a form a click opened (Post update, Resolve) edits the clicked message the
 * same way once submitted; a retried click does nothing twice; a non-commander is refused privately.
 */
class SlackBlockActionsTest {

    private static final String SECRET = "test-signing-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KICKOFF_TS = SlackContract.TS;
    private static final AtomicInteger CLICKS = new AtomicInteger();

    private static FakeSlackApi slack;
    private static ConfigurableApplicationContext bot;
    private static SignedSlackRequests requests;

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlackApi();
        Path home = Files.createTempDirectory("sitrep-slack-buttons");
        bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0",
                "--sitrep.slack.bot-token=xoxb-test-token",
                "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.url(),
                "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.slack.first-backoff=50ms",
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"));
        requests = new SignedSlackRequests(Integer.parseInt(bot.getEnvironment().getProperty("local.server.port")), SECRET);
    }

    @AfterAll
    static void stop() {
        bot.close();
        slack.close();
    }

    @Test
    void anIncidentDrivenByButtons() throws Exception {
        slack.channelCreated("C100", "inc-1-checkout-errors");
        requests.command("U1", "alice", "CGENERAL", "start Checkout errors sev1", "T-start");
        await("kick-off posted and its caller answered", WAIT, () -> !slack.blocksTo("C100").isEmpty()
                && slack.calls("chat.postEphemeral").stream().anyMatch(f -> f.get("text").startsWith("Declared INC-1")));
        JsonArray kickoff = JsonParser.parseString(slack.blocksTo("C100").get(0)).getAsJsonArray();
        assertThat(actionIds(kickoff)).containsExactly("sitrep:post-update:1", "sitrep:take-command:1", "sitrep:resolve:1");
        assertThat(slack.messagesTo("C100").get(0)).startsWith("INC-1 · SEV1 · Checkout errors");

        // A non-commander's Resolve: the same private refusal as typed text, and the message stays as it is.
        slack.reset();
        requests.command("U2", "bob", "C100", "resolve", "T-typed-resolve");
        await("typed refusal", WAIT, () -> slack.calls("chat.postEphemeral").size() == 1);
        String typed = slack.calls("chat.postEphemeral").get(0).get("text");
        HttpResponse<String> ack = click("U2", "bob", "sitrep:resolve:1", kickoff, null);
        assertThat(ack.statusCode()).isEqualTo(200);
        await("clicked refusal", WAIT, () -> slack.calls("chat.postEphemeral").size() == 2);
        assertThat(slack.calls("chat.postEphemeral").get(1)).containsEntry("text", typed).containsEntry("user", "U2")
                .containsEntry("channel", "C100");
        assertThat(typed).startsWith("Only the commander (alice) or an admin can resolve INC-1.");
        assertThat(slack.calls("views.open")).isEmpty();

        // Post update by the commander opens the update form with the click's trigger id.
        slack.reset();
        String trigger = "T-click-" + (CLICKS.get() + 1);
        click("U1", "alice", "sitrep:post-update:1", kickoff, null);
        await("update form", WAIT, () -> !slack.calls("views.open").isEmpty());
        assertThat(slack.calls("views.open").get(0)).containsEntry("trigger_id", trigger);
        JsonObject updateForm = JsonParser.parseString(slack.calls("views.open").get(0).get("view")).getAsJsonObject();
        assertThat(updateForm.get("callback_id").getAsString()).isEqualTo("incident_update");
        assertThat(updateForm.get("private_metadata").getAsString()).isEqualTo("C100 " + KICKOFF_TS + " sitrep:post-update:1");

        // Its submission posts the update and edits the clicked message exactly as a click without a form does.
        requests.interaction("""
                {"type":"view_submission","team":{"id":"T1","domain":"acme"},"user":{"id":"U1","name":"alice","team_id":"T1"},
                 "api_app_id":"A1","trigger_id":"T-view-u",
                 "view":{"id":"VU1","hash":"hu1","type":"modal","callback_id":"incident_update","private_metadata":"%s",
                  "state":{"values":{"confirmed":{"confirmed":{"type":"plain_text_input","value":"Checkout is back"}}}}}}
                """.formatted(updateForm.get("private_metadata").getAsString()));
        await("kick-off edited after the form", WAIT, () -> !slack.calls("chat.update").isEmpty());
        assertThat(slack.messagesTo("C100")).anyMatch(t -> t.contains("Checkout is back"));
        Map<String, String> afterForm = slack.calls("chat.update").get(0);
        assertThat(afterForm).containsEntry("channel", "C100").containsEntry("ts", KICKOFF_TS)
                .containsEntry("text", "Update posted by alice");
        JsonArray kickoffAfterForm = JsonParser.parseString(afterForm.get("blocks")).getAsJsonArray();
        assertThat(actionIds(kickoffAfterForm)).as("no stale buttons left").isEmpty();
        assertThat(kickoffAfterForm.get(0)).as("the kick-off itself stays").isEqualTo(kickoff.get(0));
        assertThat(kickoffAfterForm.get(kickoffAfterForm.size() - 1).toString()).contains("Update posted by alice")
                .contains("<!date^");

        // Snooze from a reminder: the command runs as typed, and the reminder is edited to say who did it.
        slack.reset();
        JsonArray reminder = reminderBlocks();
        String action = "sitrep:snooze-15m:1";
        String payload = blockAction("U1", "alice", action, reminder, "1700000200.000100");
        requests.interaction(payload);
        await("reminder edited", WAIT, () -> !slack.calls("chat.update").isEmpty());
        Map<String, String> update = slack.calls("chat.update").get(0);
        assertThat(update).containsEntry("channel", "C100").containsEntry("ts", KICKOFF_TS)
                .containsEntry("text", "Snoozed 15m by alice");
        JsonArray edited = JsonParser.parseString(update.get("blocks")).getAsJsonArray();
        assertThat(actionIds(edited)).isEmpty();
        assertThat(edited.get(edited.size() - 1).toString()).contains("Snoozed 15m by alice").contains("<!date^");
        assertThat(slack.messagesTo("C100")).anyMatch(t -> t.contains("snoozed update reminders for 15m"));

        // Slack retries the same click (same action_ts): nothing happens twice.
        requests.send(SignedSlackRequests.form(Map.of("payload", payload)), "application/x-www-form-urlencoded",
                Instant.now().getEpochSecond(), null, 1);
        // A later command in the same channel runs after anything the retry could have started.
        requests.command("U1", "alice", "C100", "note retried click seen", "T-note");
        await("note after the retry", WAIT, () -> slack.messagesTo("C100").stream().anyMatch(t -> t.contains("retried click seen")));
        assertThat(slack.calls("chat.update")).hasSize(1);
        assertThat(slack.messagesTo("C100")).filteredOn(t -> t.contains("snoozed update reminders for 15m")).hasSize(1);

        // Resolve by the commander asks for the summary in a modal; its submission resolves.
        slack.reset();
        click("U1", "alice", "sitrep:resolve:1", kickoff, null);
        await("resolve form", WAIT, () -> !slack.calls("views.open").isEmpty());
        String resolveOrigin = "C100 " + KICKOFF_TS + " sitrep:resolve:1";
        assertThat(slack.calls("views.open").get(0).get("view")).contains("\"callback_id\":\"incident_resolve\"")
                .contains("\"private_metadata\":\"" + resolveOrigin + "\"");
        requests.interaction("""
                {"type":"view_submission","team":{"id":"T1","domain":"acme"},"user":{"id":"U1","name":"alice","team_id":"T1"},
                 "api_app_id":"A1","trigger_id":"T-view-r",
                 "view":{"id":"VR1","hash":"hr1","type":"modal","callback_id":"incident_resolve","private_metadata":"%s",
                  "state":{"values":{"summary":{"summary":{"type":"plain_text_input","value":"Rolled back *4.2*"}}}}}}
                """.formatted(resolveOrigin));
        await("resolved", WAIT, () -> slack.messagesTo("C100").stream().anyMatch(t -> t.startsWith("INC-1 resolved by <@U1>")));
        await("kick-off edited after the summary", WAIT, () -> !slack.calls("chat.update").isEmpty());
        assertThat(slack.calls("chat.update").get(0)).containsEntry("ts", KICKOFF_TS).containsEntry("text", "Resolved by alice");

        // A button of the resolved incident is answered that it is resolved, and loses its buttons.
        slack.reset();
        click("U1", "alice", "sitrep:snooze-15m:1", reminder, null);
        await("stale click answered", WAIT, () -> !slack.calls("chat.update").isEmpty());
        assertThat(slack.calls("chat.update").get(0)).containsEntry("text", "INC-1 is resolved");
        await("stale click told", WAIT, () -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0).get("text")).as("one line, no help line")
                .isEqualTo("INC-1 is resolved.");
    }

    /** The first reminder of the incident, posted when its SEV1 update is overdue — here forced by a short snooze. */
    private static JsonArray reminderBlocks() throws Exception {
        requests.command("U1", "alice", "C100", "snooze 1s", "T-snooze-short");
        await("reminder posted", WAIT, () -> slack.blocksTo("C100").stream().anyMatch(b -> b.contains("sitrep:snooze-15m:1")));
        return JsonParser.parseString(slack.blocksTo("C100").stream().filter(b -> b.contains("sitrep:snooze-15m:1"))
                .findFirst().orElseThrow()).getAsJsonArray();
    }

    private static HttpResponse<String> click(String user, String name, String actionId, JsonArray blocks, String actionTs)
            throws Exception {
        return requests.interaction(blockAction(user, name, actionId, blocks,
                actionTs != null ? actionTs : "1700000100." + String.format("%06d", CLICKS.get() + 1)));
    }

    private static String blockAction(String user, String name, String actionId, JsonArray blocks, String actionTs) {
        int n = CLICKS.incrementAndGet();
        JsonObject payload = JsonParser.parseString("""
                {"type":"block_actions","team":{"id":"T1","domain":"acme"},
                 "user":{"id":"%s","username":"%s","name":"%s","team_id":"T1"},
                 "api_app_id":"A1","token":"legacy","trigger_id":"T-click-%d",
                 "container":{"type":"message","message_ts":"%s","channel_id":"C100","is_ephemeral":false},
                 "channel":{"id":"C100","name":"inc-1-checkout-errors"},
                 "response_url":"http://127.0.0.1:9/response",
                 "actions":[{"type":"button","action_id":"%s","block_id":"sitrep-buttons",
                   "text":{"type":"plain_text","text":"x"},"value":"%s","action_ts":"%s"}]}
                """.formatted(user, name, name, n, KICKOFF_TS, actionId, actionId, actionTs)).getAsJsonObject();
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("user", "UBOT");
        message.addProperty("bot_id", "B1");
        message.addProperty("ts", KICKOFF_TS);
        message.addProperty("text", "fallback");
        message.add("blocks", blocks);
        payload.add("message", message);
        return payload.toString();
    }

    private static List<String> actionIds(JsonArray blocks) {
        return blocks.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(b -> b.get("type").getAsString().equals("actions"))
                .flatMap(b -> b.getAsJsonArray("elements").asList().stream())
                .map(e -> e.getAsJsonObject().get("action_id").getAsString()).toList();
    }
}
