package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOB;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BROADCAST;
import static dev.sitrep.bot.discord.FakeDiscordGateway.CATEGORY;
import static dev.sitrep.bot.discord.FakeDiscordGateway.COMMANDER_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.slack.FakeSlackApiAccess;
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

    private static FakeDiscordApi discord;
    private static FakeDiscordGateway gateway;
    private static ConfigurableApplicationContext bot;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        discord = new FakeDiscordApi();
        gateway = new FakeDiscordGateway(FakeSlackApiAccess.freePort());
        gateway.start();
        home = Files.createTempDirectory("sitrep-discord");
        bot = new SpringApplicationBuilder(SitrepApplication.class).run(
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
        discord.channelCreated("610000000000000001", "[]");
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
        System.out.println("ANNOUNCEMENT " + announcement);
        assertThat(announcement).contains("Checkout \\\\@everyone down").contains("\"allowed_mentions\"")
                .contains("\"parse\":[]").doesNotContain("\"content\":\"@everyone");
    }
}
