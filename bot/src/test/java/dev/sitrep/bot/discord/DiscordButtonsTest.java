package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOB;
import static dev.sitrep.bot.discord.FakeDiscordGateway.COMMANDER_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.LoopbackPorts;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The kick-off's buttons through the real JDA client on the fake gateway and API: posted as action
 * rows, a non-commander's click refused privately with the message left as it was, the
 * commander's click running the command and editing the message to say so, a replayed click doing
 * nothing twice, and a click on a resolved incident answered "INC-1 is resolved".
 */
class DiscordButtonsTest {

    private static final String CHANNEL = "690000000000000001";

    @Test
    void aClickRunsItsCommandOnceAndTheMessageSaysWhatHappened() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway(LoopbackPorts.free());
        gateway.start();
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-discord-buttons",
                     "--sitrep.discord.commander-role=" + COMMANDER_ROLE)) {
            discord.channelCreated(CHANNEL, "[]");
            String start = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                    Map.of("title", "Checkout errors"), Map.of()));
            assertThat(DiscordIntegrationTest.answer(discord, start)).contains("Declared INC-1");

            String kickoff = discord.created(CHANNEL).stream().filter(b -> b.contains("sitrep:resolve:1")).findFirst()
                    .orElseThrow(() -> new AssertionError("no kick-off with buttons in " + discord.created(CHANNEL)));
            String components = DataObject.fromJson(kickoff).getArray("components").toString();
            assertThat(DataObject.fromJson(kickoff).getArray("components").getObject(0).getArray("components").toList())
                    .extracting(b -> ((Map<?, ?>) b).get("label") + "=" + ((Map<?, ?>) b).get("custom_id"))
                    .containsExactly("Post update=sitrep:post-update:1", "Take command=sitrep:take-command:1",
                            "Resolve=sitrep:resolve:1");
            String kickoffId = "880000000000000042";

            // bob is not the commander: the same private refusal as typing /incident resolve, and the message stays.
            String refused = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(refused, CHANNEL, BOB, "bob", "sitrep:resolve:1",
                    kickoffId, components));
            assertThat(DiscordIntegrationTest.answer(discord, refused))
                    .startsWith("Only the commander (alice) or an admin can resolve INC-1.");
            assertThat(callbacks(discord, refused)).singleElement().asString().contains("\"type\":6");
            assertThat(discord.requests("PATCH", "webhooks/.*/tok-" + refused + "/messages/@original")).isEmpty();

            // alice resolves with a click: deferred as an update within 3 s, then the message shows who did it.
            String resolve = Interactions.snowflake();
            String click = Interactions.button(resolve, CHANNEL, ALICE, "alice", "sitrep:resolve:1", kickoffId, components);
            gateway.dispatch("INTERACTION_CREATE", click);
            DiscordIntegrationTest.await("the clicked message edited",
                    () -> !discord.requests("PATCH", "webhooks/.*/tok-" + resolve + "/messages/@original").isEmpty());
            DataObject edit = DataObject.fromJson(discord.bodies("PATCH", "webhooks/.*/tok-" + resolve
                    + "/messages/@original").get(0));
            assertThat(edit.getString("content")).matches("Resolved by alice <t:\\d+:f>");
            assertThat(edit.getArray("components").length()).as("no stale buttons left").isZero();
            assertThat(edit.getObject("allowed_mentions").getArray("parse").length()).isZero();
            assertThat(callbacks(discord, resolve)).singleElement().asString().contains("\"type\":6");
            DiscordIntegrationTest.await("the resolution posted",
                    () -> discord.created(CHANNEL).stream().anyMatch(b -> b.contains("INC-1 resolved by <@" + ALICE + ">")));

            // The same click delivered again (a resumed session replays it): nothing is answered or done twice.
            gateway.dispatch("INTERACTION_CREATE", click);
            String after = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(after, CHANNEL, BOB, "bob",
                    "sitrep:take-command:1", kickoffId, components));
            // bob's later click on the resolved incident: answered privately, and the message says it.
            assertThat(DiscordIntegrationTest.answer(discord, after)).startsWith("INC-1 is resolved.");
            DiscordIntegrationTest.await("the stale message edited",
                    () -> !discord.requests("PATCH", "webhooks/.*/tok-" + after + "/messages/@original").isEmpty());
            assertThat(DataObject.fromJson(discord.bodies("PATCH", "webhooks/.*/tok-" + after + "/messages/@original")
                    .get(0)).getString("content")).isEqualTo("INC-1 is resolved");
            assertThat(callbacks(discord, resolve)).as("the replay got no second first answer").hasSize(1);
            assertThat(discord.requests("PATCH", "webhooks/.*/tok-" + resolve + "/messages/@original")).hasSize(1);
            assertThat(discord.created(CHANNEL).stream().filter(b -> b.contains("INC-1 resolved by"))).hasSize(1);
            discord.assertEveryInteractionAnswered();
        } finally {
            gateway.stop(1000);
        }
    }

    private static List<String> callbacks(FakeDiscordApi discord, String interaction) {
        return discord.bodies("POST", "interactions/" + interaction + "/.*/callback");
    }
}
