package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.slack.RedisProcess;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With Redis frozen, an interaction cannot be taken; Discord still hears, privately, that nothing
 * was done — not "The application did not respond" when the token runs out — and the interactions
 * behind it are not held up: JDA's one event thread never waits on Redis.
 */
class DiscordRedisOutageTest {

    private static int indexOf(List<String> urls, String part) {
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError(part + " was never requested: " + urls);
    }

    @Test
    void anInteractionThatCannotBeTakenIsAnsweredThatNothingWasDoneAndDoesNotHoldUpTheNext() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.start();
        try (RedisProcess redis = new RedisProcess(Files.createTempDirectory("sitrep-discord-redis"));
             FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-discord-outage",
                     "--spring.data.redis.url=" + redis.url())) {
            redis.freeze();
            String id = Interactions.snowflake();
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("title", "Checkout errors");
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, GENERAL, "general", ALICE, "alice", "start",
                    options, Map.of()));
            String next = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(next, GENERAL, "general", ALICE, "alice", "list",
                    Map.of(), Map.of()));

            // Deferred at once (type 5 = DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, flags 64 = EPHEMERAL), then told.
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
            String callback = "interactions/" + id + "/.*/callback";
            assertThat(DiscordIntegrationTest.answer(discord, id)).contains("its store (Redis) is not answering");
            assertThat(discord.bodies("POST", callback)).singleElement().satisfies(body -> assertThat(body)
                    .contains("\"type\":5").contains("\"flags\":64"));
            assertThat(DiscordIntegrationTest.answer(discord, next)).contains("its store (Redis) is not answering");
            // The second interaction was deferred while the first still waited for Redis: had the event
            // thread waited for Redis, the first would have been answered before the second was even read.
            List<String> order = new ArrayList<>(discord.server.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getUrl()).toList());
            Collections.reverse(order); // WireMock lists the newest first
            assertThat(indexOf(order, "/interactions/" + next + "/")).isLessThan(indexOf(order, "/webhooks/"
                    + FakeDiscordGateway.BOT + "/tok-" + id));
            assertThat(discord.bodies("POST", "guilds/.*/channels")).isEmpty();
            redis.kill();
        } finally {
            gateway.stop(1000);
        }
    }
}
