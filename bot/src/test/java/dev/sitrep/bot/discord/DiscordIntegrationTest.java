package dev.sitrep.bot.discord;

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
import dev.sitrep.bot.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
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
    private static final String CHANNEL = "610000000000000001";

    private static FakeDiscordApi discord;
    private static FakeDiscordGateway gateway;
    private static ConfigurableApplicationContext bot;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        discord = new FakeDiscordApi();
        gateway = new FakeDiscordGateway(LoopbackPorts.free());
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
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"));
        assertThat(gateway.identified.await(20, TimeUnit.SECONDS)).as("JDA identified on the fake gateway").isTrue();
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
        String announcement = discord.bodies("POST", "channels/" + BROADCAST + "/messages").get(0);
        // @everyone typed by a user is escaped in the embed, and allowed_mentions lets nobody be pinged.
        assertThat(announcement).contains("Checkout \\\\@everyone down")
                .contains("\"allowed_mentions\":{\"parse\":[],\"replied_user\":true}").contains("\"content\":\"\"")
                .contains("follow in <#" + CHANNEL + ">");
        String channelPath = "channels/" + CHANNEL;
        assertThat(discord.bodies("PATCH", channelPath)).anyMatch(b -> b.contains("\"topic\":\"SEV1 · investigating · commander <@"
                + ALICE + ">\""));
        // Found by content, not position: with a 2 s cadence a reminder may come due while the channel is set up.
        assertThat(discord.bodies("POST", channelPath + "/messages").stream().filter(b -> b.contains("Commander: <@"))
                .findFirst().orElseThrow()).contains("\"title\":\"INC-1\"")
                .contains("\"color\":15158332").contains("Commander: <@" + ALICE + ">").contains("<t:");
        assertThat(discord.requests("PUT", ".*pins.*")).isNotEmpty();
        assertThat(discord.requests("PUT", "guilds/" + GUILD + "/members/" + ALICE + "/roles/" + COMMANDER_ROLE)).hasSize(1);
        await("private answer", () -> !discord.bodies("POST", "webhooks/.*/tok-" + start).isEmpty());
        assertThat(discord.bodies("POST", "webhooks/.*/tok-" + start).get(0)).contains("Declared INC-1")
                .contains("\"flags\":64");

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
                .anyMatch(b -> b.contains("Update on INC-1")));
        assertThat(discord.bodies("POST", channelPath + "/messages").stream().filter(b -> b.contains("Update on INC-1"))
                .findFirst().orElseThrow()).contains("Confirmed: checkout returns 502 for \\\\<\\\\@&1\\\\> \\\\*\\\\*all\\\\*\\\\*")
                .contains("\"allowed_mentions\":{\"parse\":[],\"replied_user\":true}").contains("\"content\":\"\"");

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
        await("added", () -> discord.bodies("POST", "webhooks/.*/tok-" + add).stream()
                .anyMatch(b -> b.contains("Added to the incident timeline")));

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
        gateway.setBotPermissions(FakeDiscordGateway.BOT_ROLE_WEAK);
        Thread.sleep(300);
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
        gateway.setBotPermissions(FakeDiscordGateway.BOT_ROLE_ADMIN);
        Thread.sleep(300);
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
        Thread.sleep(800);
        assertThat(discord.bodies("POST", "guilds/" + GUILD + "/channels")).filteredOn(b -> b.contains("replayed-interaction"))
                .hasSize(1);
        assertThat(discord.bodies("POST", "interactions/" + id + "/.*/callback")).hasSize(1);
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
