package dev.sitrep.bot.console;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.Completer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The terminal (or pipe) the console chat reads and writes: a line editor when a person is at a
 * terminal, plain lines otherwise; one writer at a time so lines never interleave.
 */
public final class ConsoleIo implements AutoCloseable {

    private final ConsoleLines lines;

    /** Plain lines: a pipe, a file, a test's script. */
    public ConsoleIo(Reader in, PrintStream out, boolean interactive) {
        this(new PlainLines(in, out, interactive));
    }

    private ConsoleIo(ConsoleLines lines) {
        this.lines = lines;
    }

    /** The line editor on this terminal, its history kept in the file (none when null). */
    public static ConsoleIo editing(Terminal terminal, @Nullable Path historyFile) {
        return new ConsoleIo(new LineEditor(terminal, historyFile));
    }

    /**
     * Standard input and output: the line editor when both are a terminal (a person typing), plain
     * lines when either is redirected ({@code ./sitrep < script}, output into a file).
     */
    public static ConsoleIo system(Path historyFile) {
        if (System.console() != null) {
            try {
                return editing(TerminalBuilder.builder().system(true).build(), historyFile);
            } catch (IOException | IllegalStateException e) {
                // No usable terminal after all (e.g. no stty): the plain prompt still works.
                return plain(true);
            }
        }
        return plain(false);
    }

    private static ConsoleIo plain(boolean interactive) {
        return new ConsoleIo(new InputStreamReader(System.in, StandardCharsets.UTF_8),
                new PrintStream(System.out, true, StandardCharsets.UTF_8), interactive);
    }

    /** The next line, or null at end of input. */
    @Nullable String readLine(String prompt) {
        return lines.readLine(prompt);
    }

    /** One answer to a form's question; null when the person cancelled (see {@link ConsoleLines#readAnswer}). */
    @Nullable String readAnswer(String prompt, Completer choices) {
        return lines.readAnswer(prompt, choices);
    }

    void completeWith(Completer completer) {
        lines.completeWith(completer);
    }

    /** Prints a message with a prefix on each of its lines: {@code #channel │ text}. */
    void print(String prefix, String text) {
        String pad = " ".repeat(prefix.length());
        String[] parts = text.split("\n", -1);
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            block.append(i == 0 ? "" : "\n").append(i == 0 ? prefix : pad).append(" │ ").append(parts[i]);
        }
        lines.write(block.toString());
    }

    void info(String text) {
        lines.write(text);
    }

    /** A line from elsewhere in the bot (the dashboard's URL once it listens), above the line being typed. */
    public void announce(String text) {
        lines.write(text);
    }

    @Override
    public void close() {
        lines.close();
    }
}
