package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sitrep.bot.LoopbackPorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Commands typed quickly one after another in one Discord channel run in the order they were
 * typed, and each confirmation links to the message that command posted — not to whatever was
 * posted in the channel last.
 */
class DiscordChannelOrderTest {

    private static final String CHANNEL = "680000000000000001";
    private static final int COMMANDS = 6;

    @Test
    void quickCommandsInOneChannelRunInOrderAndEachLinksItsOwnMessage() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway(LoopbackPorts.free());
        gateway.start();
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-discord-order")) {
            discord.channelCreated(CHANNEL, "[]");
            String start = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                    Map.of("title", "Quick commands"), Map.of()));
            assertThat(DiscordIntegrationTest.answer(discord, start)).contains("Declared INC-");

            List<String> interactions = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                String id = Interactions.snowflake();
                interactions.add(id);
                Map<String, Object> options = new LinkedHashMap<>();
                options.put("text", "quick note " + i);
                gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, CHANNEL, "inc-1", ALICE, "alice", "note",
                        options, Map.of()));
            }
            String jump = "https://discord.com/channels/" + GUILD + "/" + CHANNEL + "/";
            Map<String, String> answers = new LinkedHashMap<>();
            for (String id : interactions) {
                answers.put(id, DiscordIntegrationTest.answer(discord, id));
            }

            Map<String, String> postedById = postedIn(discord, CHANNEL);
            for (int i = 0; i < COMMANDS; i++) {
                String answer = answers.get(interactions.get(i));
                assertThat(answer).startsWith("Note added to the timeline. " + jump);
                String linked = answer.substring(answer.indexOf(jump) + jump.length()).strip();
                assertThat(postedById.get(linked)).as("the message note %d links to", i).contains("quick note " + i);
            }
            List<String> notes = discord.created(CHANNEL).stream().filter(b -> b.contains("quick note")).toList();
            assertThat(notes).hasSize(COMMANDS);
            for (int i = 0; i < COMMANDS; i++) {
                assertThat(notes.get(i)).as("the %dth note posted", i).contains("quick note " + i);
            }
            discord.assertEveryInteractionAnswered();
        } finally {
            gateway.stop(1000);
        }
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
