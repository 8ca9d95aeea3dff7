package dev.sitrep.bot;

import dev.sitrep.bot.console.ConsoleChat;
import dev.sitrep.bot.console.ConsoleIo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole bot (Spring context, local redis-server, console chat) on a script of typed lines,
 * with its state under one folder, and returns everything it printed.
 */
final class ConsoleBot {

    private ConsoleBot() {
    }

    static String run(Path home, String script, String... extraArgs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleIo io = new ConsoleIo(new StringReader(script), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false);
        try (ConfigurableApplicationContext context = start(home, io, extraArgs)) {
            context.getBean(ConsoleChat.class).runUntilEndOfInput();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The bot with its console on the given terminal or pipe; the caller runs the console and closes the bot. */
    static ConfigurableApplicationContext start(Path home, ConsoleIo io, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                "--sitrep.console.user=alice",
                "--sitrep.reminders.poll-interval=200ms",
                // The console's dashboard: a free port, so tests and a running ./sitrep never collide.
                "--server.port=0"));
        // A caller's setting replaces the default of the same name (Spring would join both values with a comma).
        for (String extra : extraArgs) {
            String name = extra.contains("=") ? extra.substring(0, extra.indexOf('=') + 1) : extra;
            args.removeIf(arg -> arg.startsWith(name));
            args.add(extra);
        }
        return new SpringApplicationBuilder(SitrepApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("consoleIo", io))
                .run(args.toArray(String[]::new));
    }
}
