package dev.sitrep.bot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The terminal (or pipe) the console chat reads and writes; one writer at a time so lines never interleave. */
public final class ConsoleIo {

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;

    public ConsoleIo(Reader in, PrintStream out, boolean interactive) {
        this.in = new BufferedReader(in);
        this.out = out;
        this.interactive = interactive;
    }

    /** Standard input and output; prompts only when a person is at a terminal. */
    public static ConsoleIo system() {
        return new ConsoleIo(new InputStreamReader(System.in, StandardCharsets.UTF_8),
                new PrintStream(System.out, true, StandardCharsets.UTF_8), System.console() != null);
    }

    /** The next line, or null at end of input. */
    String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a message with a prefix on each of its lines: {@code #channel │ text}. */
    synchronized void print(String prefix, String text) {
        String pad = " ".repeat(prefix.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.println((i == 0 ? prefix : pad) + " │ " + lines[i]);
        }
        out.flush();
    }

    synchronized void info(String text) {
        out.println(text);
        out.flush();
    }

    synchronized void prompt(String text) {
        if (interactive) {
            out.print(text);
            out.flush();
        }
    }
}
