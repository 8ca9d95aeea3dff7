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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sitrep.bot.blackbox.DiscordFakeRun.opts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar in Discord mode against {@link DiscordFake} (REST v10) and
 * {@link DiscordFakeGateway}: the gateway handshake and {@code /incident start} as README.md's
 * "Discord" section promises it, held to Discord's documented rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordStartContractIT {

    private DiscordFakeRun run;
    private DiscordFake discord;

    @BeforeAll
    void start() throws Exception {
        run = new DiscordFakeRun();
        discord = run.discord;
    }

    @AfterAll
    void stop() {
        if (run != null) run.close();
    }

    @Test
    @Order(1)
    void identifiesWithTheTokenAndNoPrivilegedIntentsOnAnUncompressedV10Gateway() {
        // IDENTIFY carries the bot token and intents; privileged intents would close the session 4014.
        // https://discord.com/developers/docs/events/gateway#identifying ; README: "sitrep needs no privileged intents"
        JsonNode identify = run.gateway.identify;
        assertNotNull(identify, "sitrep never sent IDENTIFY");
        assertEquals(discord.token, identify.path("token").asText(), "IDENTIFY token");
        long intents = identify.path("intents").asLong();
        assertEquals(0, intents & DiscordFakeGateway.PRIVILEGED, "privileged intents requested: " + intents);
        assertEquals(1, run.gateway.identifies.get(), "IDENTIFY sent once per session");
        // README: gateway-url "uncompressed when set"
        assertTrue(run.gateway.connectQueries.stream().noneMatch(q -> q.contains("compress=")),
                "README promises an uncompressed gateway when gateway-url is set; connected with " + run.gateway.connectQueries);
        assertTrue(run.gateway.violations.isEmpty(), "gateway rules broken: " + run.gateway.violations);
        // Heartbeats every heartbeat_interval, each ACKed https://discord.com/developers/docs/events/gateway#sending-heartbeats
        run.waitUntil(Duration.ofSeconds(15), () -> run.gateway.heartbeats.get() >= 1, () -> "a heartbeat (op 1) within the interval");
    }

    @Test
    @Order(2)
    void registersIncidentOnTheConfiguredGuild() {
        // README: "With a guild id the commands are registered on that server"
        // https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
        assertEquals("/applications/" + discord.appId + "/guilds/" + discord.guildId + "/commands", discord.registeredCommandsPath);
        JsonNode cmd = run.incidentCommand();
        List<String> subs = new ArrayList<>();
        cmd.path("options").forEach(o -> subs.add(o.path("name").asText()));
        assertTrue(subs.containsAll(List.of("start", "update", "note", "resolve")), "subcommands " + subs);
        System.out.println("[DiscordStartContractIT] registered /incident: " + cmd);
    }

    @Test
    @Order(3)
    void startIsDeferredPrivatelyWithin3sThenOpensTheChannelInTheCategoryPinsAndAnnounces() {
        ObjectNode start = run.command("start", opts("title", "Checkout errors", "severity", "sev1"), discord.aliceId, discord.generalChannelId);
        DiscordFake.Interaction i = run.gateway.interact(start);
        run.waitUntil(Duration.ofSeconds(10), () -> i.callbackType >= 0 || !discord.refusals.isEmpty(),
                () -> "an initial response to /incident start");
        // Initial response within 3 s (else 10062 Unknown interaction), deferred (type 5) and ephemeral (flags 64)
        // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
        // https://discord.com/developers/docs/resources/message#message-object-message-flags (EPHEMERAL 1<<6)
        assertTrue(i.callbackType >= 0, "no accepted initial response; refusals: " + discord.refusalsText());
        assertTrue(i.callbackAt - i.dispatchedAt <= 3000, "initial response after " + (i.callbackAt - i.dispatchedAt) + " ms");
        assertEquals(5, i.callbackType, "README: the reply is deferred, then followed up (callback type 5)");
        assertEquals(64, i.callbackFlags & 64, "README: sitrep answers privately (ephemeral flag 64); flags " + i.callbackFlags);

        run.waitUntil(Duration.ofSeconds(30), () -> incidentChannel("checkout-errors") != null
                        && !discord.messagesIn(incidentChannel("checkout-errors").get("id").asText()).isEmpty()
                        && discord.pins.stream().anyMatch(p -> p.startsWith(incidentChannel("checkout-errors").get("id").asText() + "/"))
                        && !discord.messagesIn(discord.broadcastChannelId).isEmpty()
                        && !DiscordFakeRun.answerText(i).isBlank(),
                () -> "a channel inc-…-checkout-errors with a pinned kick-off, an announcement in #incidents and the private answer");
        ObjectNode channel = incidentChannel("checkout-errors");
        String channelId = channel.get("id").asText();
        // README: "creates #inc-1-… in the category", "sets the topic"
        assertEquals(discord.categoryId, channel.path("parent_id").asText(), "incident channel's category");
        assertTrue(channel.get("name").asText().matches("inc-\\d+-checkout-errors"), "channel name " + channel.get("name"));
        run.waitUntil(Duration.ofSeconds(10), () -> !channel.path("topic").asText("").isBlank(), () -> "the channel topic set");
        // the kick-off is the pinned message
        JsonNode kickoff = discord.messagesIn(channelId).get(0);
        assertTrue(kickoff.path("pinned").asBoolean(), "kick-off pinned: " + kickoff);
        assertTrue(DiscordFakeRun.text(kickoff).contains("Checkout errors"), "kick-off names the incident: " + DiscordFakeRun.text(kickoff));
        // README: "announces in the broadcast channel", a link to the channel (<#id>)
        JsonNode announcement = discord.messagesIn(discord.broadcastChannelId).get(0);
        assertTrue(DiscordFakeRun.text(announcement).contains("<#" + channelId + ">"),
                "announcement links the channel: " + DiscordFakeRun.text(announcement));
        // README: "with commander-role set, gives the commander that role"
        run.waitUntil(Duration.ofSeconds(10), () -> discord.commanderRoleId.equals(discord.memberRoleChanges.get("PUT " + discord.aliceId)),
                () -> "the Incident Commander role given to alice");
        for (JsonNode f : i.followups) {
            // only the first follow-up after an ephemeral defer inherits the flag; later ones must set it
            // https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message
            assertTrue(f == i.followups.get(0) && i.original == null || (f.path("flags").asInt() & 64) != 0,
                    "a follow-up that is not ephemeral: " + f);
        }
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused: \n  " + discord.refusalsText());
        // The private answer: an edit of @original or a follow-up, never public
        String answer = DiscordFakeRun.answerText(i);
        // README: "what was done, with a link to the message it posted" — a message link or at least a channel mention
        // https://discord.com/developers/docs/reference#message-formatting (<#channel_id>)
        assertTrue(answer.contains("<#" + channelId + ">") || answer.contains("/channels/" + discord.guildId + "/" + channelId),
                "the private answer links the channel or the kick-off it posted: " + answer);
    }

    @Test
    @Order(4)
    void mentionsTypedIntoATitleNeverPing() {
        // allowed_mentions: without it, @everyone/@here, <@&role> and <@user> in content ping; only what
        // parse/users/roles allow pings. Mentions inside embeds never ping.
        // https://discord.com/developers/docs/resources/message#allowed-mentions-object
        String title = "DB down @everyone @here <@&" + discord.opsRoleId + "> <@" + discord.bobId + ">";
        ObjectNode start = run.command("start", opts("title", title, "severity", "sev2"), discord.aliceId, discord.generalChannelId);
        DiscordFake.Interaction i = run.gateway.interact(start);
        int before = discord.messagesIn(discord.broadcastChannelId).size();
        run.waitUntil(Duration.ofSeconds(30), () -> incidentChannel("db-down") != null
                        && !discord.messagesIn(incidentChannel("db-down").get("id").asText()).isEmpty()
                        && discord.messagesIn(discord.broadcastChannelId).size() > before
                        && !DiscordFakeRun.answerText(i).isBlank(),
                () -> "the second incident's channel, kick-off and announcement");
        List<String> pings = new ArrayList<>();
        for (ObjectNode m : discord.messages) {
            if ((m.path("flags").asInt() & 64) != 0) continue; // ephemeral: seen by the invoker only
            for (String p : pinged(m.path("_request"))) {
                if (!p.equals("user:" + discord.aliceId)) pings.add(p + " in " + m.path("channel_id").asText() + ": " + m.path("_request"));
            }
        }
        assertTrue(pings.isEmpty(), "messages that ping someone from user text:\n  " + String.join("\n  ", pings));
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused: \n  " + discord.refusalsText());
    }

    private static final Pattern MENTION = Pattern.compile("@everyone|@here|<@!?(\\d+)>|<@&(\\d+)>");

    /** Who a message body pings under Discord's allowed_mentions rules (content only). */
    static List<String> pinged(JsonNode body) {
        List<String> out = new ArrayList<>();
        JsonNode am = body.path("allowed_mentions");
        List<String> parse = new ArrayList<>();
        am.path("parse").forEach(x -> parse.add(x.asText()));
        List<String> users = new ArrayList<>();
        am.path("users").forEach(x -> users.add(x.asText()));
        List<String> roles = new ArrayList<>();
        am.path("roles").forEach(x -> roles.add(x.asText()));
        boolean absent = !am.isObject();
        Matcher m = MENTION.matcher(body.path("content").asText(""));
        while (m.find()) {
            if (m.group(1) != null) {
                if (absent || parse.contains("users") || users.contains(m.group(1))) out.add("user:" + m.group(1));
            } else if (m.group(2) != null) {
                if (absent || parse.contains("roles") || roles.contains(m.group(2))) out.add("role:" + m.group(2));
            } else if (absent || parse.contains("everyone")) {
                out.add("everyone:" + m.group());
            }
        }
        return out;
    }

    private ObjectNode incidentChannel(String slug) {
        return discord.createdChannels().stream().filter(c -> c.get("name").asText().contains(slug)).findFirst().orElse(null);
    }

    @Test
    @Order(5)
    void a500AfterTheAnnouncementWasCreatedIsRetriedIntoOneMessage() {
        // README: "sitrep also retries a 500 on a message post (every message carries a nonce with
        // enforce_nonce, so Discord returns the first message instead of making a second)".
        // enforce_nonce: "If another message was created by the same author with the same nonce, that
        // message will be returned and no new message will be created." nonce: up to 25 characters.
        // https://discord.com/developers/docs/resources/message#create-message
        String route = "POST /channels/" + discord.broadcastChannelId + "/messages";
        discord.failAfterCreatingNext(route, 1);
        DiscordFake.Interaction i = run.gateway.interact(run.command("start", opts("title", "Search slow", "severity", "sev3"),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(i).isBlank() && !discord.failedAfterCreate.isEmpty(),
                () -> "the answer to /incident start Search slow, whose announcement got a 500");
        long posts = discord.exchanges().stream().filter(e -> (e.method() + " " + e.path()).equals("POST /api/v10/channels/"
                + discord.broadcastChannelId + "/messages") && e.body().contains("Search slow")).count();
        long shown = discord.messagesIn(discord.broadcastChannelId).stream().filter(m -> DiscordFakeRun.text(m).contains("Search slow")).count();
        assertEquals(1, shown, "announcements of 'Search slow' in #incidents after a 500 (posts: " + posts + ")");
        assertTrue(posts >= 2, "the announcement that got a 500 was retried (README); posts: " + posts + "; answer: " + DiscordFakeRun.answerText(i));
        for (ObjectNode m : discord.messages) {
            if (m.has("webhook_id")) continue;
            JsonNode body = m.path("_request");
            assertTrue(body.hasNonNull("nonce") && body.path("enforce_nonce").asBoolean(false),
                    "README: every message carries a nonce with enforce_nonce: " + body);
        }
    }

    @Test
    @Order(6)
    void aLongHostileTitleMakesAChannelNameDiscordTakesAndReadmeDescribes() {
        // Channel names are 1-100 characters https://discord.com/developers/docs/resources/channel#channel-object-channel-structure
        // README: channel names are "<prefix>-<n>-<slug of title>" (a-z 0-9 -; at most 80 characters on Slack, 100 on Discord)
        String title = "Ünïcode 🚨 ${jndi:x} `rm -rf` <script> " + "very long words ".repeat(12);
        title = title.substring(0, Math.min(200, title.length()));
        DiscordFake.Interaction i = run.gateway.interact(run.command("start", opts("title", title, "severity", "sev4"),
                discord.aliceId, discord.generalChannelId));
        int before = discord.createdChannels().size();
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(i).isBlank(), () -> "the answer to a start with a long title");
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
        ObjectNode channel = discord.createdChannels().stream().filter(c -> c.get("name").asText().contains("very-long")).findFirst().orElse(null);
        assertNotNull(channel, "a channel for the long title; channels: " + discord.createdChannels().stream().map(c -> c.get("name").asText()).toList());
        String name = channel.get("name").asText();
        assertTrue(name.matches("inc-\\d+-[a-z0-9-]+") && name.length() <= 100, "channel name " + name + " (" + name.length() + " chars)");
    }

    @Test
    @Order(7)
    void aPrivateIncidentDeniesViewChannelToEveryoneAndLetsInSitrepAndTheCommander() {
        // README: "a private incident denies View Channel to @everyone and lets in sitrep and the people involved"
        // VIEW_CHANNEL = 1 << 10; @everyone's role id is the guild id; overwrite type 0 role, 1 member.
        // https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
        // https://discord.com/developers/docs/resources/channel#overwrite-object
        DiscordFake.Interaction i = run.gateway.interact(run.command("start", opts("title", "Secret breach", "severity", "sev1", "private", true),
                discord.aliceId, discord.generalChannelId));
        run.waitUntil(Duration.ofSeconds(30), () -> !DiscordFakeRun.answerText(i).isBlank() && incidentChannel("secret-breach") != null,
                () -> "the private incident's channel and answer");
        JsonNode overwrites = incidentChannel("secret-breach").path("permission_overwrites");
        long view = 1L << 10;
        boolean everyoneDenied = false;
        boolean aliceAllowed = false;
        boolean sitrepAllowed = false;
        for (JsonNode o : overwrites) {
            String id = o.path("id").asText();
            long allow = Long.parseLong(o.path("allow").asText("0"));
            long deny = Long.parseLong(o.path("deny").asText("0"));
            if (id.equals(discord.everyoneRoleId) && (deny & view) != 0) everyoneDenied = true;
            if (id.equals(discord.aliceId) && (allow & view) != 0) aliceAllowed = true;
            if ((id.equals(discord.botUserId) || id.equals(discord.botRoleId)) && (allow & view) != 0) sitrepAllowed = true;
        }
        assertTrue(everyoneDenied && aliceAllowed && sitrepAllowed, "overwrites " + overwrites + " (everyone denied " + everyoneDenied
                + ", commander allowed " + aliceAllowed + ", sitrep allowed " + sitrepAllowed + ")");
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused:\n  " + discord.refusalsText());
    }

    @Test
    @Order(8)
    void healthSaysTheGatewayIsHeldHere() throws Exception {
        // README: "/actuator/health/discord says which replica holds the gateway (held here / standby)"
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(run.bot.base() + "/actuator/health/discord")).timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "health/discord: " + r.body());
        assertTrue(r.body().contains("held here"), "health/discord names the holder: " + r.body());
        assertFalse(r.body().contains(discord.token), "no token in health");
    }

    @Test
    @Order(9)
    void everyRestCallWasOneDiscordTakes() {
        assertFalse(discord.exchanges().isEmpty());
        assertTrue(discord.refusals.isEmpty(), "Discord would have refused: \n  " + discord.refusalsText());
        assertTrue(run.bot.escapes.isEmpty(), "sitrep tried to reach hosts other than the configured ones: " + run.bot.escapes);
        System.out.println("[DiscordStartContractIT] routes the fake does not know (answered 404): " + discord.unknownRoutes);
    }
}
