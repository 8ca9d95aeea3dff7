package dev.sitrep.bot.web;

import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.console.ConsoleChat;
import dev.sitrep.bot.console.ConsoleIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole bot in console mode (local redis-server, console chat, the dashboard on a free port
 * of 127.0.0.1), with its console typed into line by line while the test looks at the dashboard.
 */
final class LiveConsoleBot implements AutoCloseable {

    /** What the interactive console prints before reading a line: {@code alice@#incidents> }. */
    private static final Pattern PROMPT = Pattern.compile("[A-Za-z0-9._-]+@#[^\\s]+> ");

    private final PipedWriter keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ConfigurableApplicationContext context;
    private final Thread console;
    private int commandsTyped;

    LiveConsoleBot(Path home, String... extraArgs) {
        try {
            PipedReader in = new PipedReader(1 << 16);
            keyboard = new PipedWriter(in);
            ConsoleIo io = new ConsoleIo(in, new PrintStream(screen, true, StandardCharsets.UTF_8), true);
            List<String> args = new ArrayList<>(List.of(
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                    "--sitrep.console.user=alice",
                    "--server.port=0"));
            args.addAll(List.of(extraArgs));
            context = new SpringApplicationBuilder(SitrepApplication.class)
                    .initializers(c -> c.getBeanFactory().registerSingleton("consoleIo", io))
                    .run(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConsoleChat chat = context.getBean(ConsoleChat.class);
        console = new Thread(chat::runUntilEndOfInput, "console");
        console.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Types the lines and waits until the console has handled them all: it shows its prompt again
     * (the console runs each command to its end before reading the next line).
     */
    void type(String... lines) {
        try {
            for (String line : lines) {
                keyboard.write(line + "\n");
                keyboard.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commandsTyped += lines.length;
        int expected = commandsTyped;
        waitFor(Duration.ofSeconds(30), () -> prompts() > expected, "the console to handle " + List.of(lines));
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private int prompts() {
        return (int) PROMPT.matcher(screen()).results().count();
    }

    static void waitFor(Duration limit, BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Gave up waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            keyboard.close();
            console.join(Duration.ofSeconds(30).toMillis());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            context.close();
        }
    }
}
