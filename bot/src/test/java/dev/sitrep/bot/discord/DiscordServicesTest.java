package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.OWNERS_ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Services on Discord through the real JDA client on the fake gateway and API: the owners role of a
 * service is given the incident channel (a role overwrite, type 0) and called in the kick-off, and the
 * {@code service} option suggests the configured services as one types (autocomplete, type 4 → 8).
 */
class DiscordServicesTest {

    private static final String CHANNEL = "690000000000000011";
    /** More services than Discord shows choices (25). */
    private static final int FILLER_SERVICES = 28;

    private static FakeDiscordGateway gateway;
    private static FakeDiscordApi discord;
    private static ConfigurableApplicationContext bot;

    @BeforeAll
    static void start() throws Exception {
        gateway = new FakeDiscordGateway();
        gateway.start();
        discord = new FakeDiscordApi();
        List<String> args = new ArrayList<>(List.of(
                "--sitrep.services.checkout.display-name=Checkout",
                "--sitrep.services.checkout.owners.discord.group=" + OWNERS_ROLE,
                "--sitrep.services.search.display-name=Search"));
        for (int i = 1; i <= FILLER_SERVICES; i++) {
            args.add("--sitrep.services.svc-%02d.display-name=Service %d".formatted(i, i));
        }
        bot = DiscordBot.start(discord, gateway, "sitrep-discord-services", args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
        discord.close();
        gateway.stop(1000);
    }

    @Test
    void theOwnersRoleIsGivenTheChannelAndCalledInTheKickoff() throws Exception {
        discord.channelCreated(CHANNEL, "[]");
        String start = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                Map.of("title", "Checkout errors", "service", "checkout"), Map.of()));
        await("the answer to the start", () -> !discord.answers(start).isEmpty());
        assertThat(DataObject.fromJson(discord.answers(start).get(0)).getString("content")).contains("Declared INC-1");

        await("the owners role given the channel", () -> !discord.requests("PUT",
                "channels/" + CHANNEL + "/permissions/" + OWNERS_ROLE).isEmpty());
        DataObject overwrite = DataObject.fromJson(discord.bodies("PUT", "channels/" + CHANNEL + "/permissions/"
                + OWNERS_ROLE).get(0));
        assertThat(overwrite.getInt("type")).as("0 is a role").isZero();
        assertThat(Long.parseLong(overwrite.getString("allow")) & DiscordRules.VIEW_CHANNEL).isNotZero();
        assertThat(discord.rules.overwritesOf(CHANNEL).toString()).contains(OWNERS_ROLE);

        String kickoff = discord.created(CHANNEL).stream().filter(b -> b.contains("sitrep:resolve:1")).findFirst()
                .orElseThrow(() -> new AssertionError("no kick-off in " + discord.created(CHANNEL)));
        DataObject message = DataObject.fromJson(kickoff);
        assertThat(message.getString("content")).contains("<@&" + OWNERS_ROLE + ">");
        assertThat(message.getObject("allowed_mentions").getArray("roles").toList()).containsExactly(OWNERS_ROLE);
        assertThat(message.getObject("allowed_mentions").getArray("parse").length()).as("nothing else pings").isZero();
        discord.assertEveryInteractionAnswered();
    }

    @Test
    void theServiceOptionSuggestsConfiguredServicesAsOneTypes() throws Exception {
        String registered = discord.bodies("PUT", "applications/.*/commands").get(0);
        DataArray subcommands = DataArray.fromJson(registered).getObject(0).getArray("options");
        List<String> autocompleted = new ArrayList<>();
        for (int i = 0; i < subcommands.length(); i++) {
            DataObject sub = subcommands.getObject(i);
            DataArray options = sub.optArray("options").orElse(DataArray.empty());
            for (int j = 0; j < options.length(); j++) {
                if (options.getObject(j).getBoolean("autocomplete", false)) {
                    autocompleted.add(sub.getString("name") + " " + options.getObject(j).getString("name"));
                }
            }
        }
        assertThat(autocompleted).contains("start service", "service service", "page service");

        assertThat(suggestions("start", "CHE")).containsExactly("Checkout (checkout)=checkout");
        assertThat(suggestions("start", "ch")).as("starting with it, then containing it")
                .containsExactly("Checkout (checkout)=checkout", "Search (search)=search");
        assertThat(suggestions("page", "serv")).as("name or display name, those starting with it first").hasSize(25)
                .startsWith("Service 1 (svc-01)=svc-01").doesNotContain("Checkout (checkout)=checkout");
        assertThat(suggestions("service", "")).as("Discord shows at most 25").hasSize(25)
                .startsWith("Checkout (checkout)=checkout", "Search (search)=search");
        assertThat(suggestions("start", "nothing-like-it")).isEmpty();
        assertThat(discord.requests("POST", "channels/.*/messages")).as("suggesting posts nothing")
                .allMatch(r -> !r.getBodyAsString().contains("nothing-like-it"));
    }

    /** Longer than DiscordIntegrationTest's wait: this machine may be busy with several builds. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The choices sitrep answered an autocomplete with, as "name=value". */
    private static List<String> suggestions(String sub, String typed) throws InterruptedException {
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.autocomplete(id, GENERAL, ALICE, "alice", sub, "service",
                typed));
        await("the suggestions for " + typed, () -> !discord.bodies("POST",
                "interactions/" + id + "/.*/callback").isEmpty());
        List<String> callbacks = discord.bodies("POST", "interactions/" + id + "/.*/callback");
        assertThat(callbacks).hasSize(1);
        DataObject callback = DataObject.fromJson(callbacks.get(0));
        assertThat(callback.getInt("type")).as("APPLICATION_COMMAND_AUTOCOMPLETE_RESULT").isEqualTo(8);
        DataArray choices = callback.getObject("data").getArray("choices");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < choices.length(); i++) {
            shown.add(choices.getObject(i).getString("name") + "=" + choices.getObject(i).getString("value"));
        }
        return shown;
    }
}
