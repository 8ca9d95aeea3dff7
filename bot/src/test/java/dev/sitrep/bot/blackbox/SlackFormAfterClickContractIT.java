package dev.sitrep.bot.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, forms after clicks on Slack, black-box: a *Post update* or *Resolve* button on the
 * kick-off opens a modal (views.open with the click's trigger_id,
 * https://api.slack.com/methods/views.open); submitting it (a signed view_submission,
 * https://api.slack.com/reference/interaction-payloads/views#view_submission) must run the command
 * AND edit the clicked message with chat.update (https://api.slack.com/methods/chat.update) the way
 * a direct click does ("After a click the message shows what happened").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackFormAfterClickContractIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BROADCAST = "C0INCIDENT";
    private static final String GENERAL = "C0GENERAL1";
    private static final String ALICE = "UALICE0001";

    private BbSlackFake slack;
    private BbBot bot;

    @BeforeAll
    void start() throws Exception {
        slack = new BbSlackFake();
        slack.addChannel(BROADCAST, "incidents", true);
        slack.addChannel(GENERAL, "general", false).members.add(ALICE);
        try {
            bot = BbBot.start("slack-forms",
                    Map.of("SLACK_BOT_TOKEN", BbSlackFake.TOKEN, "SLACK_SIGNING_SECRET", BbSlack.SIGNING_SECRET),
                    List.of("--sitrep.slack.api-url=" + slack.apiUrl(), "--sitrep.slack.broadcast-channel=" + BROADCAST));
        } catch (Throwable t) {
            slack.close();
            throw t;
        }
    }

    @AfterAll
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void postUpdateFormSubmittedAfterAClickEditsTheClickedMessage() throws Exception {
        BbSlackFake.Message kickoff = kickoff("Payments slow", "payments-slow");
        JsonObject view = openForm(kickoff, "post update");
        String marker = submit(view);
        BbWait.untilTrue("the update from the form posted in the incident channel", WAIT,
                () -> slack.messagesIn(kickoff.channel()).stream().anyMatch(m -> !m.ts().equals(kickoff.ts()) && m.all().contains(marker)),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
        editedToNameAlice(kickoff);
    }

    @Test
    void resolveFormSubmittedAfterAClickEditsTheClickedMessage() throws Exception {
        BbSlackFake.Message kickoff = kickoff("Login errors", "login-errors");
        JsonObject view = openForm(kickoff, "resolve");
        submit(view);
        BbWait.untilTrue("the incident resolved", WAIT,
                () -> slack.messagesIn(kickoff.channel()).stream().anyMatch(m -> m.all().toLowerCase().contains("resolved by")),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
        editedToNameAlice(kickoff);
    }

    private void editedToNameAlice(BbSlackFake.Message kickoff) {
        BbWait.untilTrue("chat.update of the clicked kick-off " + kickoff.ts() + " saying what alice did", WAIT,
                () -> slack.calls("chat.update").stream().anyMatch(c -> c.ok() && c.p("channel").equals(kickoff.channel())
                        && c.p("ts").equals(kickoff.ts()) && (c.p("text") + c.p("blocks")).matches("(?is).*(alice|" + ALICE + ").*")),
                () -> slack.dump());
    }

    private BbSlackFake.Message kickoff(String title, String slug) throws Exception {
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + title).statusCode());
        return BbWait.until("the kick-off with buttons in *" + slug + "*", WAIT, () -> slack.channels.values().stream()
                        .filter(c -> c.name.contains(slug)).flatMap(c -> slack.messagesIn(c.id).stream())
                        .filter(m -> !BbSlackFake.buttons(m).isEmpty()).findFirst(),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
    }

    private JsonObject openForm(BbSlackFake.Message kickoff, String word) throws Exception {
        JsonObject button = BbSlackFake.buttons(kickoff).stream().filter(b -> BbSlackFake.buttonText(b).toLowerCase().contains(word))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + word + "' button on " + kickoff.all()));
        int before = slack.views.size();
        assertEquals(200, BbSlack.interaction(bot, BbSlack.blockActions(slack, ALICE, "alice", kickoff, button)).statusCode());
        return BbWait.until("views.open of the '" + word + "' form", WAIT,
                () -> slack.views.size() > before ? Optional.of(slack.views.get(slack.views.size() - 1)) : Optional.empty(),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
    }

    /** Fills every input as a person would and submits; returns the text typed into the first free-text input. */
    private String submit(JsonObject view) throws Exception {
        Map<String, JsonObject> answers = new LinkedHashMap<>();
        String marker = null;
        for (JsonElement be : view.getAsJsonArray("blocks")) {
            JsonObject b = be.getAsJsonObject();
            if (!b.has("type") || !b.get("type").getAsString().equals("input") || !b.has("element")) {
                continue;
            }
            JsonObject el = b.getAsJsonObject("element");
            String actionId = el.get("action_id").getAsString();
            String type = el.get("type").getAsString();
            JsonObject answer = new JsonObject();
            answer.addProperty("type", type);
            if (type.equals("plain_text_input")) {
                String what = (actionId + " " + b.toString()).toLowerCase();
                String value = actionId.toLowerCase().contains("next") ? "30m" : "bbcheck " + actionId.replaceAll("[^A-Za-z0-9]", "") + " text";
                if (marker == null && value.startsWith("bbcheck")) {
                    marker = value;
                }
                answer.addProperty("value", value);
            } else if (el.has("options") && el.getAsJsonArray("options").size() > 0) {
                answer.add("selected_option", el.getAsJsonArray("options").get(0));
            } else {
                continue;
            }
            answers.put(actionId, answer);
        }
        var r = BbSlack.interaction(bot, BbSlack.viewSubmission(ALICE, "alice", view, answers));
        // https://api.slack.com/surfaces/modals#responding_to_submissions : 200, empty body (or a response_action)
        assertEquals(200, r.statusCode(), "view_submission acknowledged: " + r.body());
        return marker == null ? "" : marker;
    }
}
