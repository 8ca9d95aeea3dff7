package dev.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.discord.DiscordPermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A bot invited with the README's old link is told at startup what it lacks and the link that grants it. */
@ExtendWith(OutputCaptureExtension.class)
class DiscordPermissionCheckTest {

    @Test
    void missingPermissionsAreLoggedWithTheInviteLinkAtStartup(CapturedOutput output) throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        // The README's link before Pin Messages and Attach Files were added.
        gateway.botRoleAtStart = "268528656";
        gateway.start();
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-permissions")) {
            DiscordIntegrationTest.await("the permission check", () -> output.getOut().contains("lacks the Discord permissions"));
            String line = output.getOut().lines().filter(l -> l.contains("lacks the Discord permissions")).findFirst()
                    .orElseThrow();
            assertThat(line).contains("WARN").contains("[Attach Files, Pin Messages]")
                    .contains("https://discord.com/oauth2/authorize?client_id=" + FakeDiscordGateway.BOT
                            + "&scope=bot%20applications.commands&permissions=" + DiscordPermissions.raw())
                    .doesNotContain("fake-discord-token");
        } finally {
            gateway.stop(1000);
        }
    }
}
