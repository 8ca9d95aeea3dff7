package dev.sitrep.bot.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, forms after clicks on Discord, black-box: the jar with DISCORD_TOKEN on a local
 * gateway and REST stand-in ({@link BbDiscordFake}). *Post update* and *Resolve* must answer the
 * MESSAGE_COMPONENT interaction with a MODAL (callback type 9) as the FIRST response, within 3 s
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction),
 * inside Discord's modal limits; the MODAL_SUBMIT (interaction type 5) runs the command and the
 * clicked message is edited (UPDATE_MESSAGE 7, or DEFERRED_UPDATE_MESSAGE 6 then an edit).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordModalContractIT {
    private BbDiscordRun run;

    @BeforeAll
    void start() throws Exception {
        run = BbDiscordRun.start("discord-modal", List.of());
    }

    @AfterAll
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void postUpdateButtonOpensAModalWhoseSubmitPostsTheUpdateAndEditsTheClickedMessage() {
        JsonObject kickoff = run.startIncident("Checkout errors", "checkout-errors");
        BbDiscordFake.Interaction click = run.click(kickoff, ".*post update.*", BbDiscordFake.ALICE, "alice");
        BbDiscordFake.Callback first = run.initialResponse(click, "the first response to the Post update click");
        assertEquals(200, first.status(), "first response accepted by Discord's rules: " + first);
        assertEquals(9, first.type(), "the first response to Post update is a MODAL (type 9), not deferred: " + first);

        Map<String, String> values = new LinkedHashMap<>();
        for (BbDiscordFake.Input in : BbDiscordFake.inputs(first.data())) {
            values.put(in.customId(), answer(in));
        }
        String marker = values.values().stream().filter(v -> v.startsWith("bbcheck")).findFirst()
                .orElseThrow(() -> new AssertionError("the update form has no free-text field: " + first.data()));
        long editsBefore = editsOf(kickoff);
        BbDiscordFake.Interaction submit = run.discord.interact(5, BbDiscordFake.modalSubmit(first.data(), values),
                kickoff.get("channel_id").getAsString(), BbDiscordFake.ALICE, "alice", run.current(kickoff));
        BbDiscordFake.Callback answer = run.initialResponse(submit, "the response to the modal submit");
        assertEquals(200, answer.status(), "modal submit answered within Discord's rules: " + answer);

        String channel = kickoff.get("channel_id").getAsString();
        BbWait.untilTrue("the structured update from the form posted in the incident channel", BbDiscordRun.WAIT,
                () -> run.discord.messagesIn(channel).stream().anyMatch(m -> !m.get("id").equals(kickoff.get("id"))
                        && m.toString().contains(marker)),
                () -> run.discord.dump() + "\n--- bot log ---\n" + run.bot.logTail());
        // issue 12: the submit edits the clicked message the same way a direct click does
        // (README: "After a click the message is edited to say what happened")
        BbWait.untilTrue("the clicked kick-off edited to say alice posted an update", BbDiscordRun.WAIT,
                () -> editsOf(kickoff) > editsBefore && run.current(kickoff).toString().toLowerCase().contains("alice"),
                () -> "kick-off now: " + run.current(kickoff) + "\n" + run.discord.dump());
    }

    @Test
    void resolveButtonOpensAModalWhoseSubmitResolvesAndEditsTheClickedMessage() {
        JsonObject kickoff = run.startIncident("Search down", "search-down");
        BbDiscordFake.Interaction click = run.click(kickoff, ".*resolve.*", BbDiscordFake.ALICE, "alice");
        BbDiscordFake.Callback first = run.initialResponse(click, "the first response to the Resolve click");
        assertEquals(200, first.status(), "first response accepted by Discord's rules: " + first);
        assertEquals(9, first.type(), "the first response to Resolve is a MODAL asking for the summary (type 9): " + first);

        Map<String, String> values = new LinkedHashMap<>();
        for (BbDiscordFake.Input in : BbDiscordFake.inputs(first.data())) {
            values.put(in.customId(), answer(in));
        }
        BbDiscordFake.Interaction submit = run.discord.interact(5, BbDiscordFake.modalSubmit(first.data(), values),
                kickoff.get("channel_id").getAsString(), BbDiscordFake.ALICE, "alice", run.current(kickoff));
        BbDiscordFake.Callback answer = run.initialResponse(submit, "the response to the resolve form");
        assertEquals(200, answer.status(), "resolve form answered within Discord's rules: " + answer);
        BbWait.untilTrue("the kick-off edited to 'Resolved' without buttons", BbDiscordRun.WAIT,
                () -> run.current(kickoff).toString().toLowerCase().contains("resolved") && BbDiscordRun.buttons(run.current(kickoff)).isEmpty(),
                () -> "kick-off now: " + run.current(kickoff) + "\n" + run.discord.dump() + "\n--- bot log ---\n" + run.bot.logTail());
    }

    @Test
    void staleButtonOfAResolvedIncidentIsAnsweredWithoutTheGenericHelpLine() {
        JsonObject kickoff = run.startIncident("Cache cold", "cache-cold");
        JsonObject stale = run.current(kickoff);
        run.discord.interact(2, run.commandData("resolve", Map.of(), null), kickoff.get("channel_id").getAsString(),
                BbDiscordFake.ALICE, "alice", null);
        String channel = kickoff.get("channel_id").getAsString();
        BbWait.untilTrue("the incident resolved (a 'resolved by' message in its channel)", BbDiscordRun.WAIT,
                () -> run.discord.messagesIn(channel).stream().anyMatch(m -> m.toString().toLowerCase().contains("resolved by")),
                () -> run.discord.dump() + "\n--- bot log ---\n" + run.bot.logTail());
        // a click on a button of the message as it was before (a client that had not refreshed)
        BbDiscordFake.Interaction click = run.discord.interact(3, componentData(BbDiscordRun.button(stale, ".*take command.*")),
                kickoff.get("channel_id").getAsString(), BbDiscordFake.BOB, "bob", stale);
        BbDiscordFake.Callback first = run.initialResponse(click, "the answer to a stale click");
        assertEquals(200, first.status(), "stale click answered within Discord's rules: " + first);
        String token = click.token;
        String said = BbWait.until("the answer naming the incident as resolved", BbDiscordRun.WAIT, () -> {
            String all = first.data() + run.discord.requests.stream().filter(r -> r.path().contains(token))
                    .map(r -> String.valueOf(r.body())).reduce("", String::concat);
            return all.matches("(?is).*INC-\\d+ is resolved.*") ? java.util.Optional.of(all) : java.util.Optional.empty();
        }, run.discord::dump);
        // issue 12: "INC-7 is resolved" answers for stale buttons carry no generic help line
        assertFalse(said.matches("(?is).*(/incident help|all commands).*"), "no generic help line in: " + said);
    }

    private long editsOf(JsonObject message) {
        return run.discord.edits.getOrDefault(message.get("id").getAsString(), List.of()).size();
    }

    private static JsonObject componentData(JsonObject button) {
        JsonObject d = new JsonObject();
        d.addProperty("custom_id", button.get("custom_id").getAsString());
        d.addProperty("component_type", 2);
        return d;
    }

    /** A value a person would type, inside the input's min/max length. */
    private static String answer(BbDiscordFake.Input in) {
        String what = (in.customId() + " " + in.label()).toLowerCase();
        String v = what.contains("next") ? "30m"
                : what.contains("status") ? "monitoring"
                : "bbcheck " + in.customId().replaceAll("[^A-Za-z0-9]", "") + " value";
        if (v.length() > in.maxLength()) {
            v = v.substring(0, in.maxLength());
        }
        while (v.length() < in.minLength()) {
            v = v + " x";
        }
        return v;
    }
}
