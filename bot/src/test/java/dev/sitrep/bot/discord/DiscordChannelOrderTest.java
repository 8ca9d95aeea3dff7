package dev.sitrep.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOB;
import static dev.sitrep.bot.discord.FakeDiscordGateway.COMMANDER_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two commands typed quickly one after the other in one Discord channel run in the order they were
 * typed, and each confirmation links to the message that command posted — not to whatever was
 * posted in the channel last. Discord is made slow where the first command waits on it, so that the
 * second one would overtake it if it could.
 */
class DiscordChannelOrderTest {

    private static final String CHANNEL = "680000000000000001";
    private static final String CAROL = "500000000000000003";
    /** How long Discord takes to answer the first command's slow call: long enough for the second to overtake. */
    private static final int SLOW_MS = 1500;

    @Test
    void twoQuickCommandsInOneChannelRunInOrderAndEachLinksItsOwnMessage() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.start();
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-discord-order",
                     "--sitrep.discord.commander-role=" + COMMANDER_ROLE)) {
            discord.channelCreated(CHANNEL, "[]");
            String start = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                    Map.of("title", "Quick commands"), Map.of()));
            assertThat(DiscordIntegrationTest.answer(discord, start)).contains("Declared INC-");
            String jump = "https://discord.com/channels/" + GUILD + "/" + CHANNEL + "/";

            // Looking carol up is slow: the note typed after the role command must still come after it.
            discord.server.stubFor(get(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/members/" + CAROL)).atPriority(1)
                    .willReturn(okJson("{\"user\":" + FakeDiscordApi.user(CAROL, "carol") + ",\"roles\":[],\"joined_at\":"
                            + "\"2024-01-01T00:00:00.000000+00:00\",\"deaf\":false,\"mute\":false,\"flags\":0,"
                            + "\"pending\":false,\"nick\":null}").withFixedDelay(SLOW_MS)));
            String role = command(gateway, "role", options("role", "ops", "member", CAROL), Map.of(CAROL, "carol"));
            String note = command(gateway, "note", options("text", "quick note one"), Map.of());
            assertThat(DiscordIntegrationTest.answer(discord, role)).startsWith("<@" + CAROL + "> is now ops. " + jump);
            assertThat(DiscordIntegrationTest.answer(discord, note)).startsWith("Note added to the timeline. " + jump);
            List<String> posted = discord.created(CHANNEL).stream()
                    .filter(b -> b.contains("quick note one") || b.contains("ops")).toList();
            assertThat(posted).hasSize(2);
            assertThat(posted.get(0)).as("typed first, posted first").contains("ops").doesNotContain("quick note one");
            assertThat(posted.get(1)).contains("quick note one");

            // Moving the commander role is slow and comes after the hand-over message: a note typed meanwhile
            // posts while the hand-over still runs, and the hand-over must still link its own message.
            discord.server.stubFor(put(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/members/" + BOB + "/roles/"
                    + COMMANDER_ROLE)).atPriority(1).willReturn(aResponse().withStatus(204).withFixedDelay(SLOW_MS)));
            String handover = command(gateway, "commander", options("member", BOB), Map.of(BOB, "bob"));
            String second = command(gateway, "note", options("text", "quick note two"), Map.of());
            assertThat(linked(DiscordIntegrationTest.answer(discord, handover), "Command handed to <@" + BOB + ">. " + jump,
                    postedIn(discord, CHANNEL))).contains("commander").doesNotContain("quick note two");
            assertThat(linked(DiscordIntegrationTest.answer(discord, second), "Note added to the timeline. " + jump,
                    postedIn(discord, CHANNEL))).contains("quick note two");
            discord.assertEveryInteractionAnswered();
        } finally {
            gateway.stop(1000);
        }
    }

    private static String command(FakeDiscordGateway gateway, String verb, Map<String, Object> options,
                                  Map<String, String> users) {
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, CHANNEL, "inc-1", ALICE, "alice", verb, options,
                users));
        return id;
    }

    private static Map<String, Object> options(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The body of the message an answer's jump link points at. */
    private static String linked(String answer, String prefix, Map<String, String> postedById) {
        assertThat(answer).startsWith(prefix);
        String id = answer.substring(prefix.length()).strip();
        assertThat(postedById).containsKey(id);
        return postedById.get(id);
    }

    /** Each message Discord created in the channel, by the id it answered with. */
    private static Map<String, String> postedIn(FakeDiscordApi discord, String channel) {
        Map<String, String> byId = new HashMap<>();
        for (ServeEvent event : discord.server.getAllServeEvents()) {
            if (event.getRequest().getMethod().getName().equals("POST")
                    && event.getRequest().getUrl().equals("/api/v10/channels/" + channel + "/messages")
                    && event.getResponse().getStatus() == 200) {
                byId.put(DataObject.fromJson(event.getResponse().getBodyAsString()).getString("id"),
                        event.getRequest().getBodyAsString());
            }
        }
        return byId;
    }
}
