package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts sitrep in-process on Discord, pointed at the fakes, for tests that need one bot each. */
final class DiscordBot {

    private DiscordBot() {
    }

    /**
     * Runs the bot with {@code extraArgs} on top of the Discord configuration, its Redis data and
     * postmortems in a fresh temp directory, and returns once JDA identified on the gateway.
     */
    static ConfigurableApplicationContext start(FakeDiscordApi discord, FakeDiscordGateway gateway, String homePrefix,
                                                String... extraArgs) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory(homePrefix);
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.addAll(List.of(extraArgs));
        args.addAll(List.of(
                "--sitrep.discord.token=fake-discord-token", "--sitrep.discord.guild-id=" + GUILD,
                "--sitrep.discord.api-url=" + discord.url(),
                "--sitrep.discord.gateway-url=ws://127.0.0.1:" + gateway.getPort(),
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems")));
        ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(args.toArray(String[]::new));
        try {
            // Generous: JDA logs in and connects in the background after the context is up; on a loaded CI
            // machine that took 25 s once (login alone) and a 20 s bound failed the test. It returns as soon as it identifies.
            assertThat(gateway.identified.await(120, TimeUnit.SECONDS)).as("JDA identified on the fake gateway").isTrue();
        } catch (Throwable t) {
            bot.close();
            throw t;
        }
        return bot;
    }
}
