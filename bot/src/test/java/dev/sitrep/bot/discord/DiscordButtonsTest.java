package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOB;
import static dev.sitrep.bot.discord.FakeDiscordGateway.COMMANDER_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The kick-off's buttons through the real JDA client on the fake gateway and API: posted as action
 * rows, a non-commander's click refused privately with the message left as it was; Post update and
 * Resolve answered with their form (a modal, the first answer; a non-commander's Resolve with the
 * private refusal instead, checked before the form), whose submission runs the command
 * and edits the clicked message like a click without a form (a non-commander's submission refused);
 * a replayed submission doing nothing twice, and a click on a resolved incident answered "INC-1 is
 * resolved." and nothing more.
 */
class DiscordButtonsTest {

    private static final String CHANNEL = "690000000000000001";

    @Test
    void aClickRunsItsCommandOnceAndTheMessageSaysWhatHappened() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
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

            // bob is not the commander: Take command gets the same private refusal as typed, and the message stays.
            String refused = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(refused, CHANNEL, BOB, "bob", "sitrep:take-command:1",
                    kickoffId, components));
            assertThat(DiscordIntegrationTest.answer(discord, refused)).startsWith("Only the commander (alice) or an admin");
            assertThat(callbacks(discord, refused)).singleElement().asString().contains("\"type\":6");
            assertThat(discord.requests("PATCH", "webhooks/.*/tok-" + refused + "/messages/@original")).isEmpty();

            // Post update answers with the update form as its first answer; its submission posts the update
            // and edits the clicked message like a click without a form.
            String postUpdate = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(postUpdate, CHANNEL, ALICE, "alice",
                    "sitrep:post-update:1", kickoffId, components));
            DataObject updateForm = modal(discord, postUpdate);
            assertThat(updateForm.getString("custom_id")).isEqualTo("incident_update:sitrep:post-update:1");
            String updated = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.modalSubmitFromMessage(updated, CHANNEL, ALICE, "alice",
                    updateForm.getString("custom_id"), Map.of("confirmed", "Checkout is back"), kickoffId, components));
            DataObject updateEdit = edited(discord, updated);
            assertThat(updateEdit.getString("content")).matches("Update posted by alice <t:\\d+:f>");
            assertThat(updateEdit.getArray("components").length()).as("no stale buttons left").isZero();
            assertThat(callbacks(discord, updated)).singleElement().asString().contains("\"type\":6");
            DiscordIntegrationTest.await("the update posted",
                    () -> discord.created(CHANNEL).stream().anyMatch(b -> b.contains("Checkout is back")));

            // bob may not resolve: his Resolve press is refused privately at once (checked before the form), so he
            // types no summary that would then be refused; the message keeps its buttons.
            String bobResolves = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(bobResolves, CHANNEL, BOB, "bob", "sitrep:resolve:1",
                    kickoffId, components));
            assertThat(DiscordIntegrationTest.answer(discord, bobResolves))
                    .startsWith("Only the commander (alice) or an admin can resolve INC-1.");
            assertThat(callbacks(discord, bobResolves)).as("a private deferred answer, no form").singleElement()
                    .asString().contains("\"type\":5").doesNotContain("\"type\":9");
            assertThat(discord.requests("PATCH", "webhooks/.*/tok-" + bobResolves + "/messages/@original")).isEmpty();

            // alice may: her press opens the form asking what fixed it; the message shows who resolved it.
            String resolve = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(resolve, CHANNEL, ALICE, "alice", "sitrep:resolve:1",
                    kickoffId, components));
            DataObject resolveForm = modal(discord, resolve);
            assertThat(resolveForm.getString("custom_id")).isEqualTo("incident_resolve:sitrep:resolve:1");
            assertThat(resolveForm.getString("title")).isEqualTo("Resolve INC-1");

            // A form already open when command changed hands (or opened after a slow check) is still checked on submission.
            String bobSubmits = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.modalSubmitFromMessage(bobSubmits, CHANNEL, BOB, "bob",
                    resolveForm.getString("custom_id"), Map.of("summary", "Not mine to say"), kickoffId, components));
            assertThat(DiscordIntegrationTest.answer(discord, bobSubmits))
                    .startsWith("Only the commander (alice) or an admin can resolve INC-1.");
            assertThat(discord.requests("PATCH", "webhooks/.*/tok-" + bobSubmits + "/messages/@original")).isEmpty();

            String resolved = Interactions.snowflake();
            String submission = Interactions.modalSubmitFromMessage(resolved, CHANNEL, ALICE, "alice",
                    resolveForm.getString("custom_id"), Map.of("summary", "Rolled back 4.2"), kickoffId, components);
            gateway.dispatch("INTERACTION_CREATE", submission);
            DataObject edit = edited(discord, resolved);
            assertThat(edit.getString("content")).matches("Resolved by alice <t:\\d+:f>");
            assertThat(edit.getArray("components").length()).as("no stale buttons left").isZero();
            assertThat(edit.getObject("allowed_mentions").getArray("parse").length()).isZero();
            DiscordIntegrationTest.await("the resolution posted",
                    () -> discord.created(CHANNEL).stream().anyMatch(b -> b.contains("INC-1 resolved by <@" + ALICE + ">")));
            assertThat(discord.created(CHANNEL).stream().filter(b -> b.contains("INC-1 resolved by")))
                    .singleElement().asString().contains("Rolled back 4.2");

            // The same submission delivered again (a resumed session replays it): nothing is answered or done twice.
            gateway.dispatch("INTERACTION_CREATE", submission);
            String after = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(after, CHANNEL, BOB, "bob",
                    "sitrep:take-command:1", kickoffId, components));
            // bob's later click on the resolved incident: answered privately in one line, and the message says it.
            assertThat(DiscordIntegrationTest.answer(discord, after)).isEqualTo("INC-1 is resolved.");
            assertThat(edited(discord, after).getString("content")).isEqualTo("INC-1 is resolved");
            assertThat(callbacks(discord, resolved)).as("the replay got no second first answer").hasSize(1);
            assertThat(discord.requests("PATCH", "webhooks/.*/tok-" + resolved + "/messages/@original")).hasSize(1);
            assertThat(discord.created(CHANNEL).stream().filter(b -> b.contains("INC-1 resolved by"))).hasSize(1);
            discord.assertEveryInteractionAnswered();
        } finally {
            gateway.stop(1000);
        }
    }

    /** The form a click was answered with: its first and only answer, a MODAL (type 9). */
    private static DataObject modal(FakeDiscordApi discord, String click) throws InterruptedException {
        DiscordIntegrationTest.await("the form opened", () -> !callbacks(discord, click).isEmpty());
        DataObject callback = DataObject.fromJson(callbacks(discord, click).get(0));
        assertThat(callback.getInt("type")).isEqualTo(9);
        assertThat(callbacks(discord, click)).hasSize(1);
        assertThat(discord.answers(click)).as("a modal is the answer itself").isEmpty();
        return callback.getObject("data");
    }

    /** The edit of the clicked message ({@code PATCH …/messages/@original}) that an interaction made. */
    private static DataObject edited(FakeDiscordApi discord, String interaction) throws InterruptedException {
        DiscordIntegrationTest.await("the clicked message edited",
                () -> !discord.requests("PATCH", "webhooks/.*/tok-" + interaction + "/messages/@original").isEmpty());
        return DataObject.fromJson(discord.bodies("PATCH", "webhooks/.*/tok-" + interaction + "/messages/@original").get(0));
    }

    private static List<String> callbacks(FakeDiscordApi discord, String interaction) {
        return discord.bodies("POST", "interactions/" + interaction + "/.*/callback");
    }
}
