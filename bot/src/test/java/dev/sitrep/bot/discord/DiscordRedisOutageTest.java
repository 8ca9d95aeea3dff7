package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.slack.RedisProcess;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With Redis frozen, an interaction cannot be taken; Discord still hears at once, privately, that
 * nothing was done — not "The application did not respond" when the token runs out.
 */
class DiscordRedisOutageTest {

    @Test
    void anInteractionThatCannotBeTakenIsAnsweredThatNothingWasDone() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway(LoopbackPorts.free());
        gateway.start();
        try (RedisProcess redis = new RedisProcess(LoopbackPorts.free(), Files.createTempDirectory("sitrep-discord-redis"));
             FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-discord-outage",
                     "--spring.data.redis.url=" + redis.url())) {
            redis.freeze();
            String id = Interactions.snowflake();
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("title", "Checkout errors");
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                    options, Map.of()));

            String callback = "interactions/" + id + "/.*/callback";
            DiscordIntegrationTest.await("the answer", () -> !discord.bodies("POST", callback).isEmpty());
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
            // type 4 = CHANNEL_MESSAGE_WITH_SOURCE, flags 64 = EPHEMERAL
            assertThat(discord.bodies("POST", callback)).singleElement().satisfies(body -> assertThat(body)
                    .contains("\"type\":4").contains("\"flags\":64").contains("its store (Redis) is not answering"));
            assertThat(discord.bodies("POST", "guilds/.*/channels")).isEmpty();
            redis.kill();
        } finally {
            gateway.stop(1000);
        }
    }
}
