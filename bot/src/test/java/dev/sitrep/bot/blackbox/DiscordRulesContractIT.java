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
import java.util.List;
import java.util.Locale;

import static dev.sitrep.bot.blackbox.DiscordFakeRun.opts;
import static dev.sitrep.bot.blackbox.DiscordFakeRun.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar in Discord mode held to Discord's rules where they bite: a 429 on a REST call, the
 * same interaction delivered twice, a command Discord delivers but sitrep must reject, the update
 * form (a modal) and a structured update at README's limits (embed limits).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordRulesContractIT {

    private DiscordFakeRun run;
    private DiscordFake discord;
    private String paymentsChannel;

    @BeforeAll
    void start() throws Exception {
        // README: "sitrep.severities.sev1.update-every … sev4": a short SEV4 cadence to see a reminder
        run = new DiscordFakeRun(List.of("--sitrep.severities.sev4.update-every=4s"));
        discord = run.discord;
    }

    @AfterAll
    void stop() {
        if (run != null) run.close();
    }

    private ObjectNode channelNamed(String slug) {
        return discord.createdChannels().stream().filter(c -> c.get("name").asText().contains(slug)).findFirst().orElse(null);
    }

    private long announcementsOf(String title) {
        return discord.messagesIn(discord.broadcastChannelId).stream().filter(m -> text(m).contains(title)).count();
    }

    @Test
    @Order(1)
    void a429OnTheAnnouncementIsWaitedOutAndTheMessageAppearsOnce() {
        // 429 with retry_after (seconds) and X-RateLimit-* headers: wait retry_after before the next
        // request to that bucket. https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
        // README: "JDA waits out Discord's rate limits (429)", "a command is delayed, not lost".
        discord.rateLimitNext("POST /channels/" + discord.broadcastChannelId + "/messages", 1);
        DiscordFake.Interaction i = run.gateway.interact(run.command("start", opts("title", "Payments down", "severity", "sev2"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(30), () -> announcementsOf("Payments down") >= 1 && !DiscordFakeRun.answerText(i).isBlank(),
                () -> "the announcement of 'Payments down' after a 429, and the private answer");
        paymentsChannel = channelNamed("payments-down").get("id").asText();
        assertEquals(List.of("POST /channels/" + discord.broadcastChannelId + "/messages"), discord.rateLimited, "the 429 was served");
        assertTrue(discord.earlyRetries.isEmpty(), "requests sent before retry_after had passed: " + discord.earlyRetries);
        assertEquals(1, announcementsOf("Payments down"), "announcements of 'Payments down'");
        assertTrue(i.callbackType == 5 && (i.callbackFlags & 64) != 0, "deferred ephemeral answer: type " + i.callbackType + " flags " + i.callbackFlags);
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(2)
    void theSameInteractionDeliveredTwiceDoesNothingTwice() {
        // README: "Each interaction is taken once by its id (in Redis), so one replayed after a gateway
        // resume does nothing twice." A second initial response is refused by Discord with 40060.
        // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
        ObjectNode start = run.command("start", opts("title", "Replay check", "severity", "sev3"), discord.aliceId, discord.generalChannelId);
        DiscordFake.Interaction i = run.gateway.interact(start);
        run.waitUntil(Duration.ofSeconds(10), () -> i.callbackType >= 0, () -> "the initial response to the first delivery");
        run.gateway.interact(start.deepCopy()); // same id, same token
        // then a marker command from the same channel: once it is done, the replay has been handled too
        DiscordFake.Interaction marker = run.gateway.interact(run.command("start", opts("title", "After replay", "severity", "sev3"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(30), () -> announcementsOf("Replay check") >= 1 && announcementsOf("After replay") >= 1
                        && !DiscordFakeRun.answerText(marker).isBlank() && !DiscordFakeRun.answerText(i).isBlank(),
                () -> "both incidents announced and answered");
        long channels = discord.createdChannels().stream().filter(c -> c.get("name").asText().contains("replay-check")).count();
        assertEquals(1, channels, "channels made for one interaction delivered twice");
        assertEquals(1, announcementsOf("Replay check"), "announcements for one interaction delivered twice");
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(3)
    void anInvalidCommandGetsAPrivateAnswerNamingWhatWasWrong() {
        // README: "Every rejected command gets a private answer naming what was wrong plus the usage
        // line, and changes nothing"; durations "run from 1s to 7d". Ephemeral = flags 64
        // https://discord.com/developers/docs/resources/message#message-object-message-flags
        assertTrue(paymentsChannel != null, "needs the incident of the first check");
        int before = discord.messagesIn(paymentsChannel).size();
        DiscordFake.Interaction i = run.gateway.interact(run.command("snooze", opts("duration", "banana"), discord.aliceId, paymentsChannel));
        run.waitUntil(Duration.ofSeconds(15), () -> !DiscordFakeRun.answerText(i).isBlank() || !discord.refusals.isEmpty(),
                () -> "the answer to /incident snooze duration:banana");
        String answer = DiscordFakeRun.answerText(i);
        assertTrue(i.callbackType == 4 || i.callbackType == 5, "answered with a message (type 4) or deferred (type 5): " + i.callbackType);
        int flags = i.callbackType == 4 ? i.callbackData.path("flags").asInt() : i.callbackFlags;
        assertEquals(64, flags & 64, "the rejection is private (ephemeral); flags " + flags);
        String lower = answer.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("banana") || lower.contains("duration"), "the answer names what was wrong: " + answer);
        assertTrue(lower.contains("snooze"), "the answer carries the usage line of snooze: " + answer);
        assertEquals(before, discord.messagesIn(paymentsChannel).size(), "a rejected command posts nothing in the channel");
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(4)
    void updateWithoutOptionsOpensAModalDiscordAccepts() {
        // README: "/incident update with no options opens a form (a Discord form holds five inputs)".
        // A modal is callback type 9 with 1-5 components, title <= 45, custom_id <= 100; a text input's
        // label <= 45 and max_length <= 4000.
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
        // https://discord.com/developers/docs/components/reference#text-input
        assertTrue(paymentsChannel != null, "needs the incident of the first check");
        DiscordFake.Interaction i = run.gateway.interact(run.command("update", opts(), discord.aliceId, paymentsChannel));
        run.waitUntil(Duration.ofSeconds(10), () -> i.callbackType >= 0 || !discord.refusals.isEmpty(), () -> "the modal for /incident update");
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
        assertEquals(9, i.callbackType, "a modal (callback type 9)");
        JsonNode data = i.callbackData;
        int inputs = 0;
        for (JsonNode top : data.path("components")) {
            for (JsonNode input : inputsOf(top)) {
                inputs++;
                assertTrue(input.path("custom_id").asText("").length() <= 100, "text input custom_id: " + input);
                assertTrue(input.path("max_length").asInt(4000) <= 4000 && input.path("max_length").asInt(1) >= 1, "text input max_length: " + input);
                assertTrue(input.path("placeholder").asText("").length() <= 100, "text input placeholder: " + input);
                assertTrue(input.path("value").asText("").length() <= 4000, "text input value: " + input);
            }
            String label = top.path("type").asInt() == 18 ? top.path("label").asText("") : "";
            assertTrue(label.length() <= 45, "label over 45 characters: " + top);
        }
        assertTrue(inputs >= 1 && inputs <= 5, "text inputs in the modal: " + inputs + " in " + data);
    }

    private static List<JsonNode> inputsOf(JsonNode top) {
        List<JsonNode> out = new java.util.ArrayList<>();
        // legacy: action row (1) holding a text input (4); current: label (18) holding a component
        if (top.path("type").asInt() == 4) out.add(top);
        top.path("components").forEach(c -> { if (c.path("type").asInt() == 4) out.add(c); });
        if (top.path("component").path("type").asInt() == 4) out.add(top.path("component"));
        for (JsonNode c : top.path("components")) {
            if (c.path("type").asInt() == 4 && top.path("type").asInt() == 1) {
                String label = c.path("label").asText("");
                if (label.length() > 45) throw new AssertionError("text input label over 45 characters: " + c);
            }
        }
        return out;
    }

    @Test
    @Order(5)
    void aStructuredUpdateWithEveryFieldFullIsPostedWithinDiscordsLimits() {
        // README: "Each update field takes up to 1,000 characters"; "an update longer than [4,096] is
        // posted with every field shortened alike, each cut visibly with "…" (none left out)". Whatever
        // sitrep posts must fit Discord's message limits: content <= 2000, embed description <= 4096,
        // field value <= 1024, 25 fields, 6000 characters across the embeds of a message.
        // https://discord.com/developers/docs/resources/message#embed-object-embed-limits
        assertTrue(paymentsChannel != null, "needs the incident of the first check");
        String[] fields = {"confirmed", "suspected", "verifying", "actions", "risk", "impact"};
        int before = discord.messagesIn(paymentsChannel).size();
        java.util.List<String> options = new java.util.ArrayList<>();
        for (int f = 0; f < fields.length; f++) {
            // 1000 characters each, with Markdown to escape, and a marker of its own field
            options.add(fields[f]);
            options.add(("F" + f + "ж_ж*").repeat(1000 / 6) + "ж".repeat(1000 % 6));
        }
        options.addAll(List.of("status", "identified", "next", "30m"));
        DiscordFake.Interaction i = run.gateway.interact(run.command("update", opts(options.toArray(String[]::new)),
                discord.aliceId, paymentsChannel));
        run.waitUntil(Duration.ofSeconds(20), () -> !DiscordFakeRun.answerText(i).isBlank(), () -> "the answer to the full update");
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
        List<ObjectNode> posted = discord.messagesIn(paymentsChannel);
        assertTrue(posted.size() > before, "the update was posted in the incident channel; answer: " + DiscordFakeRun.answerText(i));
        String all = String.join("\n", posted.subList(before, posted.size()).stream().map(DiscordFakeRun::text).toList());
        for (int f = 0; f < fields.length; f++) {
            long shown = all.split("F" + f + "ж", -1).length - 1;
            assertTrue(shown >= 50, "field " + fields[f] + " shown (" + shown + " of its 166 pieces): " + all.length()
                    + " characters posted");
        }
        assertTrue(all.contains("…"), "a shortened update says so with …");
    }

    @Test
    @Order(6)
    void handoverMovesTheCommanderRoleAndPingsOnlyTheNewCommander() {
        // README: "with commander-role set, gives the commander that role (it moves on handover and is
        // taken back on resolve)"; "only the person a message is meant for (... the new holder of a
        // role) is pinged". Role changes: PUT/DELETE /guilds/{g}/members/{u}/roles/{r}
        // https://discord.com/developers/docs/resources/guild#add-guild-member-role
        // Pings come only from content, as allowed_mentions allows; mentions in embeds never ping
        // https://discord.com/developers/docs/resources/message#allowed-mentions-object
        assertTrue(paymentsChannel != null, "needs the incident of the first check");
        int before = discord.messagesIn(paymentsChannel).size();
        DiscordFake.Interaction i = run.gateway.interact(run.command("commander", opts("member", discord.bobId), discord.aliceId, paymentsChannel));
        run.waitUntil(Duration.ofSeconds(15), () -> !DiscordFakeRun.answerText(i).isBlank()
                        && discord.commanderRoleId.equals(discord.memberRoleChanges.get("PUT " + discord.bobId)),
                () -> "the Incident Commander role given to bob (alice keeps commanding other incidents, so her role may stay); answer: "
                        + DiscordFakeRun.answerText(i));
        List<ObjectNode> posted = discord.messagesIn(paymentsChannel);
        boolean bobPinged = posted.subList(before, posted.size()).stream()
                .anyMatch(m -> DiscordStartContractIT.pinged(m.path("_request")).contains("user:" + discord.bobId));
        assertTrue(bobPinged, "the handover message pings the new commander: "
                + posted.subList(before, posted.size()).stream().map(m -> m.path("_request").toString()).toList());
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(7)
    void aReminderPingsTheCommanderWithAnEnforcedNonce() {
        // README: "when an update is overdue sitrep reminds ... mentioning the commander"; "only the
        // person a message is meant for (the commander on a reminder) is pinged"; "Discord reminders
        // carry it as a message nonce, which Discord deduplicates" (enforce_nonce).
        // https://discord.com/developers/docs/resources/message#create-message
        DiscordFake.Interaction i = run.gateway.interact(run.command("start", opts("title", "Cache cold", "severity", "sev4"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(20), () -> channelNamed("cache-cold") != null
                        && discord.messagesIn(channelNamed("cache-cold").get("id").asText()).size() >= 2,
                () -> "a reminder in the SEV4 incident's channel (cadence 4s)");
        List<ObjectNode> posted = discord.messagesIn(channelNamed("cache-cold").get("id").asText());
        ObjectNode reminder = posted.get(1); // after the kick-off
        JsonNode body = reminder.path("_request");
        assertTrue(DiscordStartContractIT.pinged(body).contains("user:" + discord.aliceId), "the reminder pings the commander: " + body);
        assertTrue(body.hasNonNull("nonce") && body.path("enforce_nonce").asBoolean(false), "the reminder carries an enforced nonce: " + body);
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(8)
    void resolveTakesTheRoleBackAndMovesTheChannelToTheArchive() {
        // README: the commander role "is taken back on resolve"; "Set sitrep.discord.archive-category and
        // sitrep moves each resolved incident's channel there". Modify Channel parent_id
        // https://discord.com/developers/docs/resources/channel#modify-channel
        assertTrue(paymentsChannel != null, "needs the incident of the first check");
        DiscordFake.Interaction i = run.gateway.interact(run.command("resolve", opts("summary", "rolled back"), discord.bobId, paymentsChannel));
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(i).isBlank()
                        && discord.archiveCategoryId.equals(discord.channels.get(paymentsChannel).path("parent_id").asText())
                        && discord.commanderRoleId.equals(discord.memberRoleChanges.get("DELETE " + discord.bobId)),
                () -> "the channel moved to Archive and the role taken back from bob; answer: " + DiscordFakeRun.answerText(i));
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    /** Waits until sitrep has read every gateway event sent so far: JDA reads them in order, so an answer to a later interaction proves it. */
    private void gatewayDrained() {
        DiscordFake.Interaction marker = run.gateway.interact(run.command("help", opts(), discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(15), () -> marker.callbackType >= 0, () -> "sitrep to answer /incident help");
    }

    @Test
    @Order(9)
    void aMissingPermissionIsNamedAndTheSameStartFinishesTheIncidentOnce() {
        // README: "a missing permission is answered privately with its name (e.g. lacks the Discord
        // permission Manage Channels), and the incident stays recorded so running the same /incident
        // start again finishes it" — "only the missing steps, so never a second channel, kick-off or
        // announcement". Create Guild Channel requires MANAGE_CHANNELS (403, 50013 Missing Permissions).
        // https://discord.com/developers/docs/resources/guild#create-guild-channel
        discord.setBotRolePermissions(DiscordFake.README_PERMISSIONS & ~DiscordFake.MANAGE_CHANNELS);
        gatewayDrained();
        discord.refusals.clear();
        DiscordFake.Interaction first = run.gateway.interact(run.command("start", opts("title", "Perm check", "severity", "sev3"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(20), () -> !DiscordFakeRun.answerText(first).isBlank(), () -> "the answer to a start without Manage Channels");
        String answer = DiscordFakeRun.answerText(first);
        assertTrue(answer.contains("Manage Channels"), "the answer names the missing permission: " + answer);
        assertEquals(64, first.callbackFlags & 64, "answered privately");

        discord.setBotRolePermissions(DiscordFake.README_PERMISSIONS);
        gatewayDrained();
        DiscordFake.Interaction again = run.gateway.interact(run.command("start", opts("title", "Perm check", "severity", "sev3"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(again).isBlank() && announcementsOf("Perm check") >= 1,
                () -> "the same start finishing the incident: channel and announcement");
        long channels = discord.createdChannels().stream().filter(c -> c.get("name").asText().contains("perm-check")).count();
        assertEquals(1, channels, "channels for 'Perm check'");
        assertEquals(1, announcementsOf("Perm check"), "announcements of 'Perm check'");
        ObjectNode channel = channelNamed("perm-check");
        long kickoffs = discord.messagesIn(channel.get("id").asText()).stream().filter(m -> text(m).contains("Perm check")).count();
        assertEquals(1, kickoffs, "kick-offs in the channel");
    }
}
