package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Slack and Discord configured in one bot: both adapters start and feed the same engine. */
class BothPlatformsTest {

    @Test
    void aCommandOnEachPlatformReachesTheSameEngine() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.start();
        try (FakeSlackApi slack = new FakeSlackApi(); FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-both",
                     "--sitrep.slack.bot-token=xoxb-test", "--sitrep.slack.signing-secret=both-secret",
                     "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST")) {
            int port = ((WebServerApplicationContext) bot).getWebServer().getPort();

            slack.channelCreated("C1", "inc-1-slack-side");
            new SignedSlackRequests(port, "both-secret").command("U1", "alice", "CGENERAL", "start Slack side sev2", "T-both-1");
            DiscordIntegrationTest.await("Slack incident announced", () -> !slack.messagesTo("CBROADCAST").isEmpty());

            discord.channelCreated("650000000000000001", "[]");
            String start = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                    Map.of("title", "Discord side"), Map.of()));
            DiscordIntegrationTest.await("Discord incident started", () -> discord.bodies("POST", "webhooks/.*/tok-" + start)
                    .stream().anyMatch(b -> b.contains("Declared INC-2")));

            // One engine, one sequence: the list on Discord shows the incident declared on Slack, and back.
            String list = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(list, GENERAL, "general", ALICE, "alice", "list",
                    Map.of(), Map.of()));
            DiscordIntegrationTest.await("Discord list", () -> !discord.bodies("POST", "webhooks/.*/tok-" + list).isEmpty());
            String onDiscord = discord.bodies("POST", "webhooks/.*/tok-" + list).get(0);
            assertThat(onDiscord).contains("INC-1").contains("Slack side")
                    .contains("INC-2").contains("Discord side");
            // Each platform links only its own members and channels, and says where every incident lives.
            assertThat(onDiscord).contains("#inc-1-slack-side on Slack").contains("<#650000000000000001> on Discord")
                    .contains("<@" + ALICE + ">").doesNotContain("<#C1>").doesNotContain("<@U1>");

            slack.reset();
            new SignedSlackRequests(port, "both-secret").command("U1", "alice", "CGENERAL", "list", "T-both-2");
            DiscordIntegrationTest.await("Slack list", () -> !slack.calls("chat.postEphemeral").isEmpty());
            String onSlack = slack.calls("chat.postEphemeral").get(0).get("text");
            assertThat(onSlack).contains("INC-1").contains("Slack side").contains("INC-2").contains("Discord side");
            assertThat(onSlack).contains("<#C1> on Slack").contains("commander <@U1>")
                    .contains("#inc-2-discord-side on Discord").contains("commander alice")
                    .doesNotContain("<#650000000000000001>").doesNotContain("<@" + ALICE + ">");
        } finally {
            gateway.stop(1000);
        }
    }
}
