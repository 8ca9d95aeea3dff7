package dev.sitrep.bot;

import dev.sitrep.bot.console.ConsoleIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A terminal a test types keys into (an ANSI terminal over pipes, with JLine's own line discipline,
 * as a person's terminal would be) and reads back as a person would see it.
 */
final class TypingTerminal {

    /** Cursor moves, line clears, bracketed-paste and colour switches: what a screen interprets, not shows. */
    private static final Pattern CONTROL = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]");

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Terminal terminal;

    TypingTerminal() {
        try {
            PipedInputStream keys = new PipedInputStream(keyboard, 1 << 16);
            terminal = TerminalBuilder.builder().system(false).streams(keys, output).type("ansi")
                    .size(new Size(160, 40)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConsoleIo console(Path historyFile) {
        return ConsoleIo.editing(terminal, historyFile);
    }

    /** Keys as typed: {@code \t} is Tab, {@code \r} is Enter, {@code \u001B[A} the up arrow. */
    void type(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The screen as a person reads it: escape sequences interpreted away, and of each line what was
     * drawn last after a carriage return (the line editor redraws the line being typed that way).
     */
    String screen() {
        String raw = CONTROL.matcher(output.toString(StandardCharsets.UTF_8)).replaceAll("");
        return Arrays.stream(raw.split("\n", -1)).map(TypingTerminal::lastDrawn).collect(Collectors.joining("\n"));
    }

    private static String lastDrawn(String line) {
        String[] drawn = line.split("\r");
        for (int i = drawn.length - 1; i >= 0; i--) {
            if (!drawn[i].isEmpty()) {
                return drawn[i];
            }
        }
        return "";
    }

    /** Waits until the screen shows what the test expects, or fails naming it. */
    String waitFor(String what, Predicate<String> shown) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!shown.test(screen())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Gave up waiting for " + what + "; the screen shows:\n" + screen());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        return screen();
    }

    /** Ctrl-D on an empty line: end of input, as a person leaves the console. */
    void endOfInput() {
        type("\u0004");
    }
}
