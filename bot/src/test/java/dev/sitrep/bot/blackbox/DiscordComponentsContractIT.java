package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.sitrep.bot.blackbox.DiscordFakeRun.opts;
import static dev.sitrep.bot.blackbox.DiscordFakeRun.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar in Discord mode against {@link DiscordFake}/{@link DiscordFakeGateway}: the buttons
 * README.md's "Buttons" paragraph promises, held to Discord's message component rules
 * (https://discord.com/developers/docs/interactions/message-components,
 * https://discord.com/developers/docs/components/reference#button) and to the rules for answering
 * a MESSAGE_COMPONENT interaction
 * (https://discord.com/developers/docs/interactions/receiving-and-responding).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordComponentsContractIT {

    private DiscordFakeRun run;
    private DiscordFake discord;

    @BeforeAll
    void start() throws Exception {
        // README "Admins are member ids": sitrep.admins entries are platform:id; carol is an admin
        run = new DiscordFakeRun(d -> List.of("--sitrep.admins=discord:" + d.carolId));
        discord = run.discord;
    }

    @AfterAll
    void stop() {
        if (run != null) run.close();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private ObjectNode channelNamed(String slug) {
        return discord.createdChannels().stream().filter(c -> c.get("name").asText().contains(slug)).findFirst().orElse(null);
    }

    /** Starts an incident as alice and returns its channel id once the kick-off is posted (or fails naming the refusals). */
    private String startIncident(String title, String slug) {
        DiscordFake.Interaction i = run.gateway.interact(run.command("start", opts("title", title, "severity", "sev2"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(i).isBlank()
                        && channelNamed(slug) != null && !discord.messagesIn(channelNamed(slug).get("id").asText()).isEmpty(),
                () -> "incident '" + title + "' started: its channel, kick-off and the private answer");
        return channelNamed(slug).get("id").asText();
    }

    /** The kick-off as Discord shows it now (after any edits). */
    private ObjectNode kickoff(String channelId) {
        return discord.messagesIn(channelId).get(0);
    }

    private static List<JsonNode> buttons(JsonNode message) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : message.path("components")) {
            for (JsonNode c : row.path("components")) if (c.path("type").asInt() == 2) out.add(c);
        }
        return out;
    }

    private static JsonNode button(JsonNode message, String label) {
        return buttons(message).stream().filter(b -> b.path("label").asText("").toLowerCase(Locale.ROOT).contains(label))
                .findFirst().orElse(null);
    }

    private JsonNode requireButton(String channelId, String label) {
        ObjectNode k = kickoff(channelId);
        JsonNode b = button(k, label);
        assertNotNull(b, "README: the kick-off carries a '" + label + "' button; its components: " + k.path("components")
                + "\nrefusals:\n  " + discord.refusalsText());
        return b;
    }

    /** Presses a button of the kick-off (as Discord shows it now) and waits for the initial response. */
    private DiscordFake.Interaction press(String channelId, String label, String userId) {
        JsonNode b = requireButton(channelId, label);
        DiscordFake.Interaction i = run.gateway.interact(run.click(kickoff(channelId), b.get("custom_id").asText(), userId));
        run.waitUntil(Duration.ofSeconds(10), () -> !i.callbackAttempts.isEmpty(), () -> "an initial response to the '" + label + "' press");
        return i;
    }

    /** Initial response accepted and within 3 s, else Discord answers 10062 Unknown interaction. */
    private void answeredInTime(DiscordFake.Interaction i, String what) {
        // "you must send an initial response within 3 seconds of receiving the event"
        // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
        assertTrue(i.callbackType >= 0, what + ": no initial response Discord accepted (attempts " + i.callbackAttempts + "); refusals:\n  "
                + discord.refusalsText());
        assertTrue(i.callbackAt - i.dispatchedAt <= 3000, what + ": initial response after " + (i.callbackAt - i.dispatchedAt) + " ms");
    }

    /** What this interaction itself answered: a type 4/7 message, follow-ups, and edits it made. */
    private String ownAnswer(DiscordFake.Interaction i) {
        StringBuilder out = new StringBuilder();
        if ((i.callbackType == 4 || i.callbackType == 7) && i.callbackData != null) out.append(text(i.callbackData)).append('\n');
        i.followups.forEach(f -> out.append(text(f)).append('\n'));
        discord.edits.stream().filter(e -> e.get("via").asText().contains(i.id)).forEach(e -> out.append(text(e.get("body"))).append('\n'));
        if (i.callbackType == 5 && i.original != null) out.append(text(i.original)).append('\n');
        return out.toString();
    }

    private void report(String check, DiscordFake.Interaction i) {
        System.out.println("[DiscordComponentsContractIT] " + check + ": callbacks " + i.callbackAttempts + " after "
                + (i.callbackAt - i.dispatchedAt) + " ms; answer/edits: " + ownAnswer(i).replace('\n', ' ').strip());
    }

    private long rolePutsFor(String userId) {
        return discord.exchanges().stream().filter(e -> e.method().equals("PUT") && e.path().contains("/members/" + userId + "/roles/")).count();
    }

    private long callbacksFor(DiscordFake.Interaction i) {
        return discord.exchanges().stream().filter(e -> e.method().equals("POST")
                && e.path().contains("/interactions/" + i.id + "/")).count();
    }

    /** Waits until sitrep has read every gateway event sent so far (JDA reads them in order). */
    private void gatewayDrained() {
        DiscordFake.Interaction marker = run.gateway.interact(run.command("help", opts(), discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(15), () -> marker.callbackType >= 0, () -> "sitrep to answer /incident help");
    }

    private String alphaChannel;

    // ---- checks -----------------------------------------------------------------------------

    @Test
    @Order(1)
    void theKickOffCarriesPostUpdateTakeCommandAndResolveButtonsThatKeepEveryComponentRule() {
        // README "Buttons": "The kick-off carries Post update, Take command and Resolve ... (message
        // components in an action row under the embed; the broadcast channel gets none)".
        // Component rules (enforced by DiscordFake#componentViolation on every create/edit): <= 5 action
        // rows, 1-5 buttons per row, style 1-6, custom_id 1-100 and unique in the message, label <= 80,
        // a link button has a url and no custom_id.
        // https://discord.com/developers/docs/components/reference#action-row
        // https://discord.com/developers/docs/components/reference#button
        alphaChannel = startIncident("Buttons alpha", "buttons-alpha");
        ObjectNode k = kickoff(alphaChannel);
        JsonNode sent = k.path("_request");
        assertNull(DiscordFake.componentViolation(sent.path("components"), sent.path("flags").asInt(0)),
                "the kick-off's components break a Discord rule: " + sent.path("components"));
        for (String label : List.of("post update", "take command", "resolve")) {
            JsonNode b = requireButton(alphaChannel, label);
            assertTrue(b.path("style").asInt() != 5 && b.hasNonNull("custom_id"),
                    "'" + label + "' is an interactive button (not a link) with a custom_id: " + b);
        }
        assertTrue(sent.path("embeds").size() > 0, "README: the embeds stay, the buttons go under them: " + sent);
        for (ObjectNode a : discord.messagesIn(discord.broadcastChannelId)) {
            assertEquals(0, a.path("components").size(), "README: the broadcast channel gets no buttons: " + a.path("components"));
        }
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(2)
    void aNonCommandersResolveIsRefusedPrivatelyBeforeItsFormAndChangesNothing() {
        // README: "a non-commander's Resolve gets the private refusal /incident resolve would get, and the
        // message keeps its buttons" — before the form opens, so nobody types a summary that is then refused.
        // A private answer is ephemeral: flags 64 on a type 4 answer, or on the deferred (type 5) answer
        // its follow-up inherits.
        // https://discord.com/developers/docs/resources/message#message-object-message-flags
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
        assertNotNull(alphaChannel, "needs the kick-off of the first check");
        ObjectNode before = kickoff(alphaChannel).deepCopy();
        int messagesBefore = discord.messagesIn(alphaChannel).size();
        int editsBefore = discord.edits.size();
        String parentBefore = discord.channels.get(alphaChannel).path("parent_id").asText();
        DiscordFake.Interaction i = press(alphaChannel, "resolve", discord.bobId);
        run.waitUntil(Duration.ofSeconds(15), () -> i.callbackType >= 0 || !discord.refusals.isEmpty(),
                () -> "the answer to bob's Resolve press");
        answeredInTime(i, "bob's Resolve press");
        assertTrue(i.callbackType != 9, "README (Discord): a non-commander's Resolve is refused before its form opens;"
                + " got the form (callback 9)");
        run.waitUntil(Duration.ofSeconds(15), () -> !DiscordFakeRun.answerText(i).isBlank() || !discord.refusals.isEmpty(),
                () -> "the private refusal of bob's Resolve press");
        // ephemeral either way: a type 4 message with flags 64, a type 5 defer with flags 64 (its first
        // follow-up/@original inherits it), or a type 6 deferred update followed by a follow-up with flags 64
        // https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message
        run.waitUntil(Duration.ofSeconds(15), () -> i.callbackType != 6 || !i.followups.isEmpty(), () -> "the follow-up after a deferred update");
        int flags = switch (i.callbackType) {
            case 4 -> i.callbackData.path("flags").asInt();
            case 5 -> i.callbackFlags;
            case 6 -> i.followups.get(0).path("flags").asInt();
            default -> -1;
        };
        assertTrue(flags >= 0, "a refusal is a private reply (callback 4, 5, or 6 and a follow-up), not an update of the shared message;"
                + " got callback type " + i.callbackType);
        assertEquals(64, flags & 64, "the refusal is ephemeral (flags 64); callback " + i.callbackType + ", flags " + flags);
        String answer = DiscordFakeRun.answerText(i);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("resolve"), "the refusal says what was refused: " + answer);
        gatewayDrained();
        ObjectNode after = kickoff(alphaChannel);
        assertEquals(before.path("components"), after.path("components"), "the kick-off keeps its buttons");
        assertEquals(text(before), text(after), "the kick-off is unchanged");
        assertEquals(editsBefore, discord.edits.size(), "no message edited by a refused press: " + discord.edits);
        assertEquals(messagesBefore, discord.messagesIn(alphaChannel).size(), "nothing posted in the channel by a refused press");
        assertEquals(parentBefore, discord.channels.get(alphaChannel).path("parent_id").asText(), "the channel was not archived");
        report("non-commander Resolve", i);
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(3)
    void postUpdateOpensTheUpdateFormWithin3s() {
        // README: "Post update opens the update form". A form is a modal, callback type 9, which must be
        // the initial response (1-5 components, title 1-45, custom_id 1-100; checked by the fake).
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
        assertNotNull(alphaChannel, "needs the kick-off of the first check");
        DiscordFake.Interaction i = press(alphaChannel, "post update", discord.aliceId);
        answeredInTime(i, "alice's Post update press");
        assertEquals(9, i.callbackType, "Post update answers with a modal (callback type 9); attempts " + i.callbackAttempts);
        assertEquals(1, i.callbackAttempts.size(), "one initial response; attempts " + i.callbackAttempts);
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(4)
    void takeCommandIsAnsweredOnceWithin3sAndTheMessageSaysWhoTookCommand() {
        // A press is acknowledged with DEFERRED_UPDATE_MESSAGE (6) or UPDATE_MESSAGE (7), "only valid for
        // component-based interactions", within 3 s; README: "A click that went through edits the message
        // to say so"; Take command is "/incident commander @you" (README), which the commander or an admin
        // may do: carol, an admin, takes command (the commander role moves to her).
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
        assertNotNull(alphaChannel, "needs the kick-off of the first check");
        String kickoffId = kickoff(alphaChannel).get("id").asText();
        DiscordFake.Interaction i = press(alphaChannel, "take command", discord.carolId);
        answeredInTime(i, "carol's Take command press");
        assertTrue(i.callbackType == 6 || i.callbackType == 7, "a press that goes through updates the message (callback 6 or 7); got "
                + i.callbackType + " " + i.callbackData);
        run.waitUntil(Duration.ofSeconds(15), () -> discord.edits.stream().anyMatch(e -> e.get("message_id").asText().equals(kickoffId))
                        && discord.commanderRoleId.equals(discord.memberRoleChanges.get("PUT " + discord.carolId)),
                () -> "the kick-off edited and the Incident Commander role given to carol; the press's answer: " + DiscordFakeRun.answerText(i)
                        + "; edits: " + discord.edits);
        run.waitUntil(Duration.ofSeconds(10), () -> text(kickoff(alphaChannel)).contains("carol"),
                () -> "the edited kick-off to name carol: " + text(kickoff(alphaChannel)));
        assertEquals(1, i.callbackAttempts.size(), "answered once; attempts " + i.callbackAttempts);
        report("admin Take command", i);
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(5)
    void aResolvePressAndItsFormDeliveredTwiceResolveOnceAndTheMessageLosesItsButtons() {
        // README: "Each click is taken once by its interaction id, so a replayed one does nothing twice";
        // "A click that went through edits the message to say so (Resolved by alice and the time) and removes
        // its buttons". A second initial response is refused with 40060.
        // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
        String beta = startIncident("Buttons beta", "buttons-beta");
        JsonNode b = requireButton(beta, "resolve");
        ObjectNode click = run.click(kickoff(beta), b.get("custom_id").asText(), discord.aliceId);
        DiscordFake.Interaction press = run.gateway.interact(click);
        run.waitUntil(Duration.ofSeconds(10), () -> !press.callbackAttempts.isEmpty(), () -> "an initial response to alice's Resolve press");
        run.gateway.interact(click.deepCopy()); // the same interaction again (same id and token), as after a gateway resume
        gatewayDrained();
        answeredInTime(press, "alice's Resolve press");
        assertEquals(1, callbacksFor(press), "initial responses sent for one press delivered twice; attempts " + press.callbackAttempts);
        // README (Discord): Resolve asks for the summary in a modal (callback 9) and its submission resolves.
        assertEquals(9, press.callbackType, "Resolve opens its form (callback 9); attempts " + press.callbackAttempts);
        ObjectNode submit = run.modalSubmit(kickoff(beta), press.callbackData, "rolled back the deploy", discord.aliceId);
        DiscordFake.Interaction i = run.gateway.interact(submit);
        run.waitUntil(Duration.ofSeconds(10), () -> !i.callbackAttempts.isEmpty(), () -> "an initial response to alice's Resolve form");
        run.gateway.interact(submit.deepCopy()); // the submission delivered again
        gatewayDrained();
        run.waitUntil(Duration.ofSeconds(30), () -> discord.archiveCategoryId.equals(discord.channels.get(beta).path("parent_id").asText())
                        && buttons(kickoff(beta)).isEmpty(),
                () -> "Buttons beta resolved (channel in Archive) and its kick-off without buttons; kick-off: " + kickoff(beta));
        gatewayDrained();
        answeredInTime(i, "alice's Resolve form");
        assertEquals(1, callbacksFor(i), "initial responses sent for one submission delivered twice; attempts " + i.callbackAttempts
                + "; refusals:\n  " + discord.refusalsText());
        assertTrue(i.callbackType == 6 || i.callbackType == 7, "the submission updates the clicked message (callback 6 or 7); got " + i.callbackType);
        String shown = text(kickoff(beta)).toLowerCase(Locale.ROOT);
        assertTrue(shown.contains("resolved") && shown.contains("alice"), "README: the message says 'Resolved by alice': " + text(kickoff(beta)));
        long archiveMoves = discord.exchanges().stream().filter(e -> e.method().equals("PATCH") && e.path().endsWith("/channels/" + beta)
                && e.body().contains(discord.archiveCategoryId)).count();
        assertEquals(1, archiveMoves, "resolved once: moves of the channel to Archive");
        report("Resolve delivered twice", i);
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(6)
    void aPressOnAResolvedIncidentSaysItIsResolved() {
        // README: "a click on a resolved incident is answered INC-1 is resolved and the message says that
        // instead" (issue: "buttons of a resolved incident are removed or answered"). A typed resolve, then
        // the kick-off's buttons: gone, or a press answered within 3 s saying the incident is resolved.
        String gamma = startIncident("Buttons gamma", "buttons-gamma");
        JsonNode b = requireButton(gamma, "take command");
        ObjectNode staleView = kickoff(gamma).deepCopy();
        DiscordFake.Interaction r = run.gateway.interact(run.command("resolve", opts("summary", "done by hand"), discord.aliceId, gamma));
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(r).isBlank()
                        && discord.archiveCategoryId.equals(discord.channels.get(gamma).path("parent_id").asText()),
                () -> "Buttons gamma resolved by /incident resolve");
        gatewayDrained();
        ObjectNode now = kickoff(gamma);
        // Discord only delivers presses of buttons a message has; press on the message as it is now when it
        // still has the button, else on the view a client had before the edit reached it.
        JsonNode current = button(now, "take command");
        long bobRolePuts = rolePutsFor(discord.bobId);
        DiscordFake.Interaction i = run.gateway.interact(run.click(current != null ? now : staleView,
                (current != null ? current : b).get("custom_id").asText(), discord.bobId));
        run.waitUntil(Duration.ofSeconds(15), () -> !i.callbackAttempts.isEmpty() && !ownAnswer(i).isBlank(),
                () -> "the answer to a press on a resolved incident");
        answeredInTime(i, "bob's press on a resolved incident");
        String own = ownAnswer(i);
        report("press on resolved (buttons " + (current != null ? "kept" : "removed, stale view pressed") + ")", i);
        assertTrue(own.toLowerCase(Locale.ROOT).contains("is resolved"), "README: the press is answered '<id> is resolved'; this press's"
                + " answer and edits: " + own);
        gatewayDrained();
        assertEquals(bobRolePuts, rolePutsFor(discord.bobId), "a press on a resolved incident gives bob no role");
        // README (Discord): "... answered INC-1 is resolved and the message says that instead" (Slack: "and loses its buttons too").
        // The edit is a REST call of its own, after the answer: waited for (it once came after this looked, in CI).
        run.waitUntil(Duration.ofSeconds(15), () -> buttons(kickoff(gamma)).isEmpty()
                && text(kickoff(gamma)).toLowerCase(Locale.ROOT).contains("resolved"),
                () -> "the kick-off of a resolved incident edited to say so, without buttons; buttons "
                        + buttons(kickoff(gamma)) + ", text: " + text(kickoff(gamma)));
        ObjectNode after = kickoff(gamma);
        assertTrue(buttons(after).isEmpty() && text(after).toLowerCase(Locale.ROOT).contains("resolved"),
                "after a press on a resolved incident the message says it is resolved instead of showing buttons; buttons "
                        + buttons(after) + ", text: " + text(after));
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(7)
    void everyRestCallWasOneDiscordTakes() {
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
        assertTrue(run.bot.escapes.isEmpty(), "sitrep tried to reach hosts other than the configured ones: " + run.bot.escapes);
        System.out.println("[DiscordComponentsContractIT] routes the fake does not know (answered 404): " + discord.unknownRoutes);
    }
}
