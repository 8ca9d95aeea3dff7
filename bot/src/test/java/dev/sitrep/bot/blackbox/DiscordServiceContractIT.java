package dev.sitrep.bot.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13, services on Discord, black-box: the jar on a local gateway/REST stand-in with 31
 * services configured (more than the 25 choices Discord takes), checkout owned by a Discord role
 * (README "Configure a service": {@code owners.discord.group}, a Discord role id).
 * Owners: the role gets view access to the incident channel through a permission overwrite of
 * type 0 = role (https://discord.com/developers/docs/resources/channel#overwrite-object) and is
 * mentioned in the kick-off with the role allowed to be pinged in {@code allowed_mentions.roles}
 * (https://discord.com/developers/docs/resources/message#allowed-mentions-object : with
 * {@code parse: []} only the listed roles are notified).
 * Autocomplete:
 * https://discord.com/developers/docs/interactions/application-commands#autocomplete : the option is
 * registered with {@code autocomplete: true} (and then no {@code choices}); typing in it sends an
 * APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) with the option {@code focused}, answered by
 * APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (callback type 8) with at most 25 choices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordServiceContractIT {
    private BbDiscordRun run;

    @BeforeAll
    void start() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--sitrep.services.checkout.display-name=Checkout",
                "--sitrep.services.checkout.runbook=https://runbooks.example.com/checkout",
                "--sitrep.services.checkout.owners.discord.group=" + BbDiscordFake.ONCALL_ROLE));
        for (int i = 0; i < 30; i++) {
            args.add(String.format("--sitrep.services.svc%02d.display-name=Service %02d", i, i));
        }
        run = BbDiscordRun.start("discord-service", args);
    }

    @AfterAll
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void serviceOptionIsRegisteredWithAutocomplete() {
        JsonObject service = option(run.subcommand("start"), "service");
        assertEquals(3, service.get("type").getAsInt(), "service is a STRING option: " + service);
        assertTrue(service.has("autocomplete") && service.get("autocomplete").getAsBoolean(),
                "the start subcommand's service option is registered with autocomplete: true: " + service);
    }

    @Test
    void emptyServiceInputIsAnsweredWithAtMost25Choices() {
        BbDiscordFake.Callback answer = autocomplete("");
        assertEquals(200, answer.status(), "Discord accepts the autocomplete result (type 8, ≤ 25 choices, names 1–100): " + answer);
        assertEquals(8, answer.type(), "autocomplete answered with APPLICATION_COMMAND_AUTOCOMPLETE_RESULT: " + answer);
        JsonArray choices = answer.data().getAsJsonArray("choices");
        assertFalse(choices.isEmpty(), "31 services configured, some offered: " + answer.data());
        assertTrue(choices.size() <= 25, "at most 25 choices: " + choices.size());
    }

    @Test
    void typedPrefixOffersTheMatchingService() {
        BbDiscordFake.Callback answer = autocomplete("chec");
        assertEquals(200, answer.status(), "autocomplete result accepted: " + answer);
        assertEquals(8, answer.type(), "type 8: " + answer);
        List<String> values = new ArrayList<>();
        for (JsonElement c : answer.data().getAsJsonArray("choices")) {
            values.add(c.getAsJsonObject().get("value").getAsString());
        }
        assertTrue(values.contains("checkout"), "typing 'chec' offers checkout: " + values);
        assertFalse(values.contains("svc01"), "choices are filtered by what was typed: " + values);
    }

    @Test
    void ownersRoleGetsViewAccessAndIsMentionedInTheKickoff() {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("title", "Checkout errors");
        opts.put("service", "checkout");
        run.discord.interact(2, run.commandData("start", opts, null), BbDiscordFake.GENERAL, BbDiscordFake.ALICE, "alice", null);
        JsonObject kickoff = BbWait.until("the kick-off of the checkout incident", BbDiscordRun.WAIT, () -> run.discord.channels.values().stream()
                        .filter(c -> c.get("name").getAsString().contains("checkout-errors"))
                        .flatMap(c -> run.discord.messagesIn(c.get("id").getAsString()).stream())
                        .filter(m -> !BbDiscordRun.buttons(m).isEmpty()).findFirst(),
                () -> run.discord.dump() + "\n--- bot log ---\n" + run.bot.logTail());
        String channel = kickoff.get("channel_id").getAsString();
        // VIEW_CHANNEL is 1 << 10 (https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags)
        BbWait.untilTrue("a type-0 (role) overwrite allowing VIEW_CHANNEL for the owners' role", BbDiscordRun.WAIT,
                () -> roleOverwriteAllowsView(run.discord.channels.get(channel).getAsJsonArray("permission_overwrites"))
                        || run.discord.requests.stream().anyMatch(r -> r.method().equals("PUT") && r.status() < 300
                        && r.path().equals("channels/" + channel + "/permissions/" + BbDiscordFake.ONCALL_ROLE)
                        && r.body().isJsonObject() && allowsViewAsRole(r.body().getAsJsonObject())),
                () -> run.discord.dump());
        BbWait.untilTrue("the owners' role mentioned and allowed to be pinged in the kick-off", BbDiscordRun.WAIT,
                () -> run.discord.requests.stream().anyMatch(r -> r.method().equals("POST") && r.path().equals("channels/" + channel + "/messages")
                        && r.body().toString().contains("<@&" + BbDiscordFake.ONCALL_ROLE + ">")
                        && r.body().getAsJsonObject().has("allowed_mentions")
                        && r.body().getAsJsonObject().getAsJsonObject("allowed_mentions").toString().contains(BbDiscordFake.ONCALL_ROLE)),
                () -> run.discord.dump());
    }

    private static boolean roleOverwriteAllowsView(JsonArray overwrites) {
        if (overwrites == null) {
            return false;
        }
        for (JsonElement o : overwrites) {
            JsonObject ow = o.getAsJsonObject();
            if (ow.get("id").getAsString().equals(BbDiscordFake.ONCALL_ROLE) && allowsViewAsRole(ow)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsViewAsRole(JsonObject ow) {
        // overwrite type: 0 role, 1 member; allow is a permission bit set as a string
        return ow.has("type") && ow.get("type").getAsInt() == 0 && ow.has("allow")
                && (Long.parseLong(ow.get("allow").getAsString()) & (1L << 10)) != 0;
    }

    private BbDiscordFake.Callback autocomplete(String typed) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("title", "Checkout errors");
        opts.put("service", typed);
        BbDiscordFake.Interaction i = run.discord.interact(4, run.commandData("start", opts, "service"),
                BbDiscordFake.GENERAL, BbDiscordFake.ALICE, "alice", null);
        return run.initialResponse(i, "the answer to an autocomplete interaction");
    }

    private static JsonObject option(JsonObject sub, String name) {
        if (sub.has("options")) {
            for (JsonElement o : sub.getAsJsonArray("options")) {
                if (o.getAsJsonObject().get("name").getAsString().equals(name)) {
                    return o.getAsJsonObject();
                }
            }
        }
        throw new AssertionError("/incident start has no option " + name + ": " + sub);
    }
}
