package dev.sitrep.bot.discord;

import dev.sitrep.commands.UpdateField;
import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOB;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BROADCAST;
import static dev.sitrep.bot.discord.FakeDiscordGateway.CATEGORY;
import static dev.sitrep.bot.discord.FakeDiscordGateway.COMMANDER_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.commands.DurationRule;
import dev.sitrep.discord.DiscordPermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real JDA client in the real bot, on a fake gateway (HELLO/IDENTIFY/READY, INTERACTION_CREATE)
 * with WireMock standing in for Discord's REST API; assertions are on the exact REST calls and bodies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiscordIntegrationTest.class);
    private static final String CHANNEL = "610000000000000001";

    private static FakeDiscordApi discord;
    private static FakeDiscordGateway gateway;
    private static ConfigurableApplicationContext bot;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        discord = new FakeDiscordApi();
        gateway = new FakeDiscordGateway();
        gateway.start();
        home = Files.createTempDirectory("sitrep-discord");
        bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0",
                "--sitrep.discord.token=fake-discord-token",
                "--sitrep.discord.guild-id=" + GUILD,
                "--sitrep.discord.category=Incidents",
                "--sitrep.discord.archive-category=Archive",
                "--sitrep.discord.broadcast-channel=incidents",
                "--sitrep.discord.commander-role=" + COMMANDER_ROLE,
                "--sitrep.discord.api-url=" + discord.url(),
                "--sitrep.discord.gateway-url=ws://127.0.0.1:" + gateway.getPort(),
                "--sitrep.severities.sev1.update-every=2s",
                "--sitrep.reminders.poll-interval=200ms",
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                // The test logs what the user saw at each step; sitrep logs its operational lines.
                "--logging.level.dev.sitrep=info");
        assertThat(gateway.identified.await(120, TimeUnit.SECONDS)).as("JDA identified on the fake gateway").isTrue();
        await("commands registered", () -> !discord.requests("PUT", "applications/.*/guilds/.*/commands").isEmpty());
    }

    @AfterAll
    static void stop() {
        bot.close();
        discord.close();
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every interaction a test sent was answered within its window (the strict fake's rule). */
    @AfterEach
    void everyInteractionAnswered() throws InterruptedException {
        discord.assertEveryInteractionAnswered();
    }

    /** The private answer the user sees for an interaction: its first follow-up, once it is there. */
    static String answer(FakeDiscordApi discord, String interaction) throws InterruptedException {
        await("the answer to " + interaction, () -> !discord.answers(interaction).isEmpty());
        String body = discord.answers(interaction).get(0);
        LOG.info("The user saw, privately: {}", DataObject.fromJson(body).getString("content"));
        assertThat(body).contains("\"flags\":64");
        return DataObject.fromJson(body).getString("content");
    }

    /**
     * Sets what sitrep's role may do, on the API and through the gateway, and waits until JDA has
     * applied it: the health endpoint, which reads JDA's cache, lists what is missing.
     */
    private static void botRole(long permissions, String... missing) throws InterruptedException {
        discord.botRolePermissions(permissions);
        gateway.setBotPermissions(Long.toString(permissions));
        String expected = "\"missingPermissions\":[" + String.join(",", java.util.Arrays.stream(missing)
                .map(m -> "\"" + m + "\"").toList()) + "]";
        try {
            await("JDA applied the role update", () -> health().contains(expected));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + expected + " not in " + health(), e);
        }
    }

    private static String health() {
        int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) bot).getWebServer().getPort();
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health/discord")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Object> options(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    @Order(1)
    void aWholeIncidentThroughDiscord() throws Exception {
        discord.channelCreated(CHANNEL, "[]");
        String start = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Checkout @everyone down", "severity", "sev1"), Map.of()));

        await("deferred", () -> !discord.bodies("POST", "interactions/" + start + "/tok-" + start + "/callback").isEmpty());
        assertThat(discord.bodies("POST", "interactions/" + start + "/tok-" + start + "/callback").get(0))
                .contains("\"type\":5").contains("\"flags\":64");
        await("announced", () -> !discord.bodies("POST", "channels/" + BROADCAST + "/messages").isEmpty());
        String create = discord.bodies("POST", "guilds/" + GUILD + "/channels").get(0);
        assertThat(create).contains("\"name\":\"inc-1-checkout-everyone-down\"").contains("\"parent_id\":\"" + CATEGORY + "\"")
                .contains("\"type\":0");
        // On a slow machine the SEV1 rhythm (2s here) may already be escalating: find each message by what it says.
        await("the announcement", () -> discord.bodies("POST", "channels/" + BROADCAST + "/messages").stream()
                .anyMatch(b -> b.contains("follow in")));
        String announcement = discord.bodies("POST", "channels/" + BROADCAST + "/messages").stream()
                .filter(b -> b.contains("follow in")).findFirst().orElseThrow();
        // @everyone typed by a user is escaped in the embed, and allowed_mentions lets nobody be pinged.
        assertThat(announcement).contains("Checkout \\\\@everyone down")
                .contains("\"allowed_mentions\":{\"parse\":[],\"replied_user\":false}").contains("\"content\":\"\"")
                .contains("follow in <#" + CHANNEL + ">");
        String channelPath = "channels/" + CHANNEL;
        assertThat(discord.bodies("PATCH", channelPath)).anyMatch(b -> b.contains("\"topic\":\"SEV1 · investigating · commander <@"
                + ALICE + ">\""));
        assertThat(discord.bodies("POST", channelPath + "/messages")).anyMatch(b -> b.contains("\"title\":\"INC-1\"")
                && b.contains("\"color\":15158332") && b.contains("Commander: <@" + ALICE + ">") && b.contains("<t:"));
        assertThat(discord.requests("PUT", ".*pins.*")).isNotEmpty();
        assertThat(discord.requests("PUT", "guilds/" + GUILD + "/members/" + ALICE + "/roles/" + COMMANDER_ROLE)).hasSize(1);
        assertThat(answer(discord, start)).contains("Declared INC-1; you are its commander.");

        // Handover to bob, picked with a user option: the commander role moves with it.
        String handover = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(handover, CHANNEL, "inc-1", ALICE, "alice", "commander",
                options("member", BOB), Map.of(BOB, "bob")));
        await("role moved", () -> !discord.requests("PUT", "guilds/" + GUILD + "/members/" + BOB + "/roles/" + COMMANDER_ROLE)
                .isEmpty());
        assertThat(discord.requests("DELETE", "guilds/" + GUILD + "/members/" + ALICE + "/roles/" + COMMANDER_ROLE)).hasSize(1);
        await("handover posted", () -> discord.bodies("POST", channelPath + "/messages").stream()
                .anyMatch(b -> b.contains("is now commander")));
        assertThat(discord.bodies("POST", channelPath + "/messages").stream().filter(b -> b.contains("is now commander"))
                .findFirst().orElseThrow()).contains("<@" + BOB + "> is now commander (was <@" + ALICE + ">)")
                .contains("\"users\":[\"" + BOB + "\"]").contains("\"content\":\"<@" + BOB + ">\"");
        String jump = "https://discord.com/channels/" + GUILD + "/" + CHANNEL + "/";
        assertThat(answer(discord, handover)).startsWith("Command handed to <@" + BOB + ">. " + jump);

        // An update with options; the confirmation links to the update in the channel.
        String options = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(options, CHANNEL, "inc-1", BOB, "bob", "update",
                options("confirmed", "errors since 10:02", "status", "identified"), Map.of()));
        assertThat(answer(discord, options)).startsWith("Update posted. " + jump);
        assertThat(discord.created(CHANNEL)).anyMatch(b -> b.contains("errors since 10:02"));

        // /incident update with no options opens the modal; its submission posts the update.
        String form = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(form, CHANNEL, "inc-1", BOB, "bob", "update",
                options(), Map.of()));
        await("modal", () -> !discord.bodies("POST", "interactions/" + form + "/.*/callback").isEmpty());
        assertThat(discord.bodies("POST", "interactions/" + form + "/.*/callback").get(0)).contains("\"type\":9")
                .contains("\"custom_id\":\"incident_update\"").contains("\"custom_id\":\"confirmed\"");
        String submit = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.modalSubmit(submit, CHANNEL, BOB, "bob",
                Map.of("confirmed", "checkout returns 502 for <@&1> **all**", "next", "3s")));
        await("update posted", () -> discord.bodies("POST", channelPath + "/messages").stream()
                .anyMatch(b -> b.contains("checkout returns")));
        assertThat(discord.bodies("POST", channelPath + "/messages").stream().filter(b -> b.contains("checkout returns"))
                .findFirst().orElseThrow()).contains(UpdateField.CONFIRMED.label() + ": checkout returns 502 for \\\\<\\\\@&1\\\\> \\\\*\\\\*all\\\\*\\\\*")
                .contains("\"allowed_mentions\":{\"parse\":[],\"replied_user\":false}").contains("\"content\":\"\"");
        assertThat(discord.answers(form)).as("a modal is the answer itself").isEmpty();
        assertThat(answer(discord, submit)).startsWith("Update posted. " + jump);

        // Nobody updates: bob is reminded (or, on a machine slow enough to miss a whole 2 s cadence, sent
        // one escalation that counts them), and the broadcast channel hears of the escalation.
        java.util.function.Predicate<String> bobReminded = b -> (b.contains("the INC-1 update was due")
                || b.contains("ESCALATION: INC-1")) && b.contains("\"content\":\"<@" + BOB + ">\"");
        await("bob reminded", () -> discord.bodies("POST", channelPath + "/messages").stream().anyMatch(bobReminded));
        await("escalation", () -> discord.bodies("POST", "channels/" + BROADCAST + "/messages").stream()
                .anyMatch(b -> b.contains("updates are overdue")));
        assertThat(discord.bodies("POST", channelPath + "/messages")).filteredOn(bobReminded).allMatch(b ->
                b.contains("\"enforce_nonce\":true") && b.matches("(?s).*\"nonce\":\"[0-9a-f]{25}\".*"));
        assertThat(discord.bodies("POST", channelPath + "/messages")).anyMatch(b -> b.contains("ESCALATION: INC-1"));

        // "Add to timeline" on someone's message.
        String add = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.addToTimeline(add, CHANNEL, ALICE, "alice",
                "Root cause: config push at 10:02"));
        assertThat(answer(discord, add)).isEqualTo("Added to the incident timeline.");

        // Someone pins a message: Discord says only that pins changed; sitrep fetches the newest pin.
        discord.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages/pins")).willReturn(okJson(
                "{\"items\":[{\"pinned_at\":\"2026-11-23T10:05:00.000000+00:00\",\"message\":"
                        + FakeDiscordApi.message("810000000000000001", CHANNEL)
                        .replace("\"content\":\"\"", "\"content\":\"Mitigation: traffic drained from eu-west\"")
                        .replace("\"username\":\"sitrep\"", "\"username\":\"bob\"").replace("\"bot\":true", "\"bot\":false")
                        .replace("\"id\":\"" + FakeDiscordGateway.BOT + "\"", "\"id\":\"" + BOB + "\"")
                        + "}],\"has_more\":false}")));
        gateway.dispatch("CHANNEL_PINS_UPDATE", "{\"guild_id\":\"" + GUILD + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"last_pin_timestamp\":\"2026-11-23T10:05:00.000000+00:00\"}");
        await("pin fetched", () -> !discord.requests("GET", "channels/" + CHANNEL + "/messages/pins").isEmpty());

        // Resolve: postmortem posted, the commander role released, the channel archived.
        String resolve = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(resolve, CHANNEL, "inc-1", BOB, "bob", "resolve",
                options("summary", "Rolled back the config"), Map.of()));
        await("archived", () -> discord.bodies("PATCH", channelPath).stream()
                .anyMatch(b -> b.contains("\"parent_id\":\"" + FakeDiscordGateway.ARCHIVE + "\"")));
        assertThat(discord.bodies("POST", channelPath + "/messages")).anyMatch(b -> b.contains("INC-1 resolved by <@" + BOB + ">"))
                .anyMatch(b -> b.contains("Postmortem skeleton for INC-1:") && b.contains("directory: "));
        assertThat(discord.requests("DELETE", "guilds/" + GUILD + "/members/" + BOB + "/roles/" + COMMANDER_ROLE)).hasSize(1);
        assertThat(answer(discord, resolve)).startsWith("Incident resolved. " + jump);
        // The skeleton is attached in the channel as a Markdown file.
        assertThat(discord.requests("POST", channelPath + "/messages")).anyMatch(r -> r.getHeader("Content-Type")
                .startsWith("multipart/form-data") && r.getBodyAsString().contains("filename=\"INC-1-checkout-everyone-down.md\"")
                && r.getBodyAsString().contains("# INC-1: Checkout `@everyone` down"));
        String postmortem = Files.readString(home.resolve("postmortems/INC-1-checkout-everyone-down.md"));
        assertThat(postmortem).contains("alice: Added to timeline: carol: Root cause: config push at 10:02")
                .contains("| bob | pin | bob: Pinned: Mitigation: traffic drained from eu-west |")
                .contains("| sitrep | escalation |").contains("- **commander**: bob");
    }

    @Test
    @Order(2)
    void aRateLimitedChannelCreationIsWaitedOutAndTheIncidentCompletes() throws Exception {
        var limited = discord.server.stubFor(post(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/channels")).atPriority(1)
                .inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "1").withHeader("X-RateLimit-Scope", "user")
                        .withHeader("X-RateLimit-Bucket", "create-channel").withHeader("X-RateLimit-Limit", "5")
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset-After", "1")
                        .withHeader("Via", "1.1 google")
                        .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":1.0,\"global\":false}"))
                .willSetStateTo("waited"));
        var created = discord.server.stubFor(post(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/channels")).atPriority(1)
                .inScenario("429").whenScenarioStateIs("waited")
                .willReturn(okJson(FakeDiscordApi.channel("620000000000000001", "inc-2-rate-limited", CATEGORY, "[]"))));
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Rate limited", "severity", "sev3"), Map.of()));
        await("kick-off in the new channel", () -> !discord.bodies("POST", "channels/620000000000000001/messages").isEmpty());
        var attempts = discord.requests("POST", "guilds/" + GUILD + "/channels").stream()
                .filter(r -> r.getBodyAsString().contains("rate-limited")).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(900);
        await("private answer", () -> discord.bodies("POST", "webhooks/.*/tok-" + id).stream()
                .anyMatch(b -> b.contains("Declared INC-")));
        discord.server.removeStub(limited);
        discord.server.removeStub(created);
    }

    @Test
    @Order(3)
    void aMissingPermissionIsNamedInAPrivateAnswer() throws Exception {
        botRole(Long.parseLong(FakeDiscordGateway.BOT_ROLE_WEAK), "Embed Links", "Attach Files", "Read History",
                "Pin Messages", "Manage Channels", "Manage Roles");
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                options("title", "No permission"), Map.of()));
        await("explanation", () -> discord.bodies("POST", "webhooks/.*/tok-" + id).stream()
                .anyMatch(b -> b.contains("Manage Channels")));
        String answer = discord.bodies("POST", "webhooks/.*/tok-" + id).get(0);
        assertThat(answer).contains("is recorded, but its channel could not be made")
                .contains("lacks the Discord permission Manage Channels").contains("\"flags\":64")
                .doesNotContain("Exception").doesNotContain("fake-discord-token");
        assertThat(discord.bodies("POST", "guilds/" + GUILD + "/channels")).noneMatch(b -> b.contains("no-permission"));
        botRole(Long.parseLong(FakeDiscordGateway.BOT_ROLE_ADMIN));
    }

    @Test
    @Order(4)
    void anInteractionReplayedAfterAResumeMakesOneIncident() throws Exception {
        var created = discord.channelCreated("630000000000000001", "[]");
        String id = Interactions.snowflake();
        String interaction = Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Replayed interaction"), Map.of());
        gateway.dispatch("INTERACTION_CREATE", interaction);
        gateway.dispatch("INTERACTION_CREATE", interaction);
        await("kick-off", () -> !discord.bodies("POST", "channels/630000000000000001/messages").isEmpty());
        // The delivery that took it answers, once; the replay neither runs nor answers again.
        assertThat(answer(discord, id)).contains("Declared INC-");
        // JDA hands events over in order on one thread: once a later interaction is answered, the replay was seen.
        String later = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(later, GENERAL, "general", ALICE, "alice", "list",
                options(), Map.of()));
        answer(discord, later);
        assertThat(discord.answers(id)).hasSize(1);
        assertThat(discord.bodies("POST", "guilds/" + GUILD + "/channels")).filteredOn(b -> b.contains("replayed-interaction"))
                .hasSize(1);
        // Discord accepts one first answer per interaction (a second is refused with 40060): the replay is
        // recognised by the session before anything is sent, so only the first delivery's deferral goes out.
        assertThat(discord.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("/interactions/" + id + "/"))
                .map(e -> e.getResponse().getStatus())).containsExactly(204);
        discord.server.removeStub(created);
    }

    @Test
    @Order(5)
    void aPrivateIncidentHidesItsChannelFromEveryone() throws Exception {
        String overwrites = "[{\"id\":\"" + GUILD + "\",\"type\":0,\"allow\":\"0\",\"deny\":\"1024\"},"
                + "{\"id\":\"" + FakeDiscordGateway.BOT + "\",\"type\":1,\"allow\":\"68608\",\"deny\":\"0\"}]";
        var created = discord.channelCreated("640000000000000001", overwrites);
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Leaked key", "severity", "sev2", "private", true), Map.of()));
        await("kick-off", () -> !discord.bodies("POST", "channels/640000000000000001/messages").isEmpty());
        String create = discord.bodies("POST", "guilds/" + GUILD + "/channels").stream()
                .filter(b -> b.contains("leaked-key")).findFirst().orElseThrow();
        // @everyone (the role whose id is the server's) may not view; sitrep may view, send and read history.
        assertThat(create).contains("{\"allow\":0,\"deny\":1024,\"id\":" + GUILD + ",\"type\":0}")
                .contains("{\"allow\":68608,\"deny\":0,\"id\":" + FakeDiscordGateway.BOT + ",\"type\":1}");
        // The declarer is let in with a member overwrite.
        assertThat(discord.bodies("PATCH", "channels/640000000000000001")).anyMatch(b -> b.contains(ALICE)
                && b.contains("\"allow\":68608"));
        // The broadcast channel learns that there is a private incident, not what it is.
        await("announced", () -> discord.bodies("POST", "channels/" + BROADCAST + "/messages").stream()
                .anyMatch(b -> b.contains("a private incident")));
        assertThat(discord.bodies("POST", "channels/" + BROADCAST + "/messages")).noneMatch(b -> b.contains("Leaked key"));
        discord.server.removeStub(created);
    }

    @Test
    @Order(7)
    void everyCommandEndsInAPrivateAnswerOnEveryPath() throws Exception {
        String channel = "660000000000000001";
        var created = discord.channelCreated(channel, "[]");
        String start = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Every answer", "severity", "sev2"), Map.of()));
        assertThat(answer(discord, start)).contains("Declared INC-");
        String jump = "https://discord.com/channels/" + GUILD + "/" + channel + "/";

        Map<String, String> said = new LinkedHashMap<>();
        for (Object[] command : new Object[][]{
                {"severity", options("level", "sev1")}, {"status", options("status", "identified")},
                {"note", options("text", "db failover started")}, {"action", options("text", "add an alert")},
                {"snooze", options("duration", "30m")}, {"snooze", options("duration", "forever")},
                {"postmortem", options()}}) {
            String id = Interactions.snowflake();
            @SuppressWarnings("unchecked") Map<String, Object> opts = (Map<String, Object>) command[1];
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, channel, "inc", ALICE, "alice",
                    (String) command[0], opts, Map.of()));
            said.put(command[0] + " " + opts.values(), answer(discord, id));
        }
        assertThat(said.get("severity [sev1]")).startsWith("Severity set to SEV1. " + jump);
        assertThat(said.get("status [identified]")).startsWith("Status set to identified. " + jump);
        assertThat(said.get("note [db failover started]")).startsWith("Note added to the timeline. " + jump);
        assertThat(said.get("action [add an alert]")).startsWith("Action item recorded. " + jump);
        assertThat(said.get("snooze [30m]")).startsWith("Update reminders snoozed for 30m. " + jump);
        assertThat(said.get("snooze [forever]")).contains("'forever' is not a duration").contains("Usage:");
        assertThat(said.get("postmortem []")).startsWith("Postmortem filed. " + jump);

        // Discord keeps failing the post (500 on every retry): the note is kept and the caller told it was not posted.
        discord.failNext("POST", "channels/" + channel + "/messages", 4);
        String unseen = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(unseen, channel, "inc", ALICE, "alice", "note",
                options("text", "written while Discord fails"), Map.of()));
        assertThat(answer(discord, unseen)).matches("Your command is recorded on INC-\\d+, but sitrep could not post it"
                + " in this channel yet \\(Discord refused to post a message: 500.*\\)\\. It tries again every few"
                + " seconds; if it has not appeared within a minute, run the command again\\.");

        // Rejected by the engine: not the commander; not an incident channel; an empty form.
        String notCommander = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(notCommander, channel, "inc", BOB, "bob", "resolve",
                options(), Map.of()));
        assertThat(answer(discord, notCommander)).contains("Only the commander").contains("can resolve");
        String elsewhere = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(elsewhere, GENERAL, "general", ALICE, "alice", "note",
                options("text", "lost"), Map.of()));
        assertThat(answer(discord, elsewhere)).contains("This is not an incident channel");
        String empty = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.modalSubmit(empty, channel, ALICE, "alice", Map.of("confirmed", " ")));
        assertThat(answer(discord, empty)).contains("The update was empty");
        // A broken value is refused with the typed command's words, whether it came as an option or from the modal.
        String badOption = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(badOption, channel, "inc", ALICE, "alice", "update",
                options("confirmed", "db down", "next", "8d"), Map.of()));
        assertThat(answer(discord, badOption)).contains(DurationRule.problem("next: 8d")).contains("Usage:");
        String badForm = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.modalSubmit(badForm, channel, ALICE, "alice",
                Map.of("confirmed", "db down", "next", "8d")));
        assertThat(answer(discord, badForm)).contains(DurationRule.problem("next: 8d")).contains("Usage:");
        discord.server.removeStub(created);
    }

    /** Invited with the README's old link (no Pin Messages, no Attach Files): said at once, and by the pin step. */
    @Test
    @Order(8)
    void aRoleFromTheOldInviteLinkIsToldWhatItLacks() throws Exception {
        botRole(268528656L, "Attach Files", "Pin Messages");
        assertThat(health()).contains("\"status\":\"DOWN\"").contains("permissions=" + DiscordPermissions.raw());
        var created = discord.channelCreated("670000000000000001", "[]");
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Cannot pin"), Map.of()));
        assertThat(answer(discord, id)).contains("lacks the Discord permission Pin Messages")
                .doesNotContain("Exception");
        botRole(Long.parseLong(FakeDiscordGateway.BOT_ROLE_ADMIN));
        assertThat(health()).contains("\"status\":\"UP\"");
        discord.server.removeStub(created);
    }

    /** JDA retries 502/503/504 only; a 500 on the kick-off is retried with the same nonce and makes one message. */
    @Test
    @Order(9)
    void aServerErrorOnAMessageIsRetriedWithoutDoublingIt() throws Exception {
        String channel = "680000000000000001";
        var created = discord.channelCreated(channel, "[]");
        discord.failNext("POST", "channels/" + channel + "/messages", 1);
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                options("title", "Flaky Discord"), Map.of()));
        assertThat(answer(discord, id)).contains("Declared INC-");
        List<String> attempts = discord.bodies("POST", "channels/" + channel + "/messages");
        assertThat(attempts).hasSize(2);
        String nonce = DataObject.fromJson(attempts.get(0)).getString("nonce");
        assertThat(DataObject.fromJson(attempts.get(1)).getString("nonce")).isEqualTo(nonce);
        assertThat(discord.created(channel)).hasSize(1);
        assertThat(discord.requests("PUT", "channels/" + channel + "/messages/pins/.*")).hasSize(1);
        discord.server.removeStub(created);
    }

    @Test
    @Order(6)
    void anActionItemIsMarkedDoneWithTheDoneOption() throws Exception {
        String channelPath = "channels/" + CHANNEL;
        String add = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(add, CHANNEL, "inc-1", ALICE, "alice", "action",
                options("text", "Add a canary stage"), Map.of()));
        await("added", () -> discord.bodies("POST", channelPath + "/messages").stream()
                .anyMatch(b -> b.contains("Action item #1: Add a canary stage")));
        String both = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(both, CHANNEL, "inc-1", ALICE, "alice", "action",
                options("text", "Something else", "done", 1), Map.of()));
        await("refused", () -> discord.bodies("POST", "webhooks/.*/tok-" + both).stream()
                .anyMatch(b -> b.contains("not both") && b.contains("/incident action done")));
        String done = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(done, CHANNEL, "inc-1", ALICE, "alice", "action",
                options("done", 1), Map.of()));
        await("done", () -> discord.bodies("POST", channelPath + "/messages").stream()
                .anyMatch(b -> b.contains("Action item #1 done: Add a canary stage")));
        assertThat(discord.bodies("PUT", "applications/.*/guilds/.*/commands").get(0))
                .contains("\"name\":\"done\"").contains("\"min_value\":1");
    }

    @Test
    @Order(7)
    void healthProbesAndPrometheusMetricsAreServed() throws Exception {
        int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) bot).getWebServer().getPort();
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var readiness = get.apply("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"redis\"");
        assertThat(get.apply("/actuator/health/liveness").statusCode()).isEqualTo(200);
        String metrics = get.apply("/actuator/prometheus").body();
        assertThat(metrics).contains("sitrep_commands_total{").contains("outcome=\"ok\"").contains("platform=\"discord\"")
                .contains("verb=\"start\"")
                .contains("sitrep_incidents_open{")
                .contains("sitrep_reminders_total").contains("sitrep_escalations_total")
                .contains("sitrep_reminder_lateness_seconds_bucket")
                .contains("sitrep_time_to_resolve_seconds_count")
                .contains("sitrep_discord_gateway_held{application=\"sitrep\"} 1.0");
    }
}
