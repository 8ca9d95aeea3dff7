package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.LoopbackPorts;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.discord.DiscordPermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A bot invited with the README's old link is told at startup what it lacks and the link that grants it. */
@ExtendWith(OutputCaptureExtension.class)
class DiscordPermissionCheckTest {

    @Test
    void missingPermissionsAreLoggedWithTheInviteLinkAtStartup(CapturedOutput output) throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway(LoopbackPorts.free());
        // The README's link before Pin Messages and Attach Files were added.
        gateway.botRoleAtStart = "268528656";
        gateway.start();
        Path home = Files.createTempDirectory("sitrep-permissions");
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                     "--server.port=0",
                     "--sitrep.discord.token=fake-discord-token", "--sitrep.discord.guild-id=" + GUILD,
                     "--sitrep.discord.api-url=" + discord.url(),
                     "--sitrep.discord.gateway-url=ws://127.0.0.1:" + gateway.getPort(),
                     "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                     "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
            assertThat(gateway.identified.await(20, TimeUnit.SECONDS)).isTrue();
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
