package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An admin is an account, not a name: on Discord anyone can set their server nickname to anything,
 * including an admin's name or id, and must still be refused.
 */
class DiscordAdminIdentityTest {

    private static final String ROOT = "500000000000000007";
    private static final String MALLORY = "500000000000000009";
    private static final String CHANNEL = "660000000000000001";

    @Test
    void aMemberWhoseNicknameIsAnAdminsNameOrIdIsRefusedAndTheAdminIsNot() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.start();
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-admin", "--sitrep.admins=" + ROOT)) {
            discord.channelCreated(CHANNEL, "[]");
            String start = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(start, GENERAL, "general", ALICE, "alice", "start",
                    Map.of("title", "Nickname test"), Map.of()));
            DiscordIntegrationTest.await("kick-off", () -> !discord.bodies("POST", "channels/" + CHANNEL + "/messages").isEmpty());

            for (String nickname : List.of("root", ROOT, "discord:" + ROOT)) {
                String id = Interactions.snowflake();
                gateway.dispatch("INTERACTION_CREATE", withNickname(Interactions.slash(id, CHANNEL, "inc-1-nickname-test",
                        MALLORY, "mallory", "resolve", Map.of(), Map.of()), nickname));
                DiscordIntegrationTest.await("refusal of " + nickname, () -> discord.bodies("POST", "webhooks/.*/tok-" + id)
                        .stream().anyMatch(b -> b.contains("Only the commander (alice) or an admin can resolve INC-1.")));
            }
            assertThat(discord.bodies("POST", "channels/" + CHANNEL + "/messages")).noneMatch(b -> b.contains("resolved by"));

            String admin = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.slash(admin, CHANNEL, "inc-1-nickname-test", ROOT, "root",
                    "resolve", Map.of(), Map.of()));
            DiscordIntegrationTest.await("resolved by the admin", () -> discord.bodies("POST", "channels/" + CHANNEL + "/messages")
                    .stream().anyMatch(b -> b.contains("INC-1 resolved by <@" + ROOT + ">")));
        } finally {
            gateway.stop(1000);
        }
    }

    /** The invoking member as Discord sends it after they set a server nickname. */
    private static String withNickname(String interaction, String nickname) {
        return interaction.replaceFirst("\"nick\":null", "\"nick\":\"" + nickname + "\"");
    }
}
