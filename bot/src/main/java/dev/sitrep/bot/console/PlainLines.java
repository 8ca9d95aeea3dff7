package dev.sitrep.bot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.jline.reader.Completer;
import org.jspecify.annotations.Nullable;

/**
 * Lines from a pipe or a file ({@code ./sitrep < script}, the tests): read as they come, printed as
 * they are, with a prompt only when someone is said to be typing.
 */
final class PlainLines implements ConsoleLines {

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;

    PlainLines(Reader in, PrintStream out, boolean interactive) {
        this.in = new BufferedReader(in);
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public @Nullable String readLine(String prompt) {
        if (interactive) {
            synchronized (this) {
                out.print(prompt);
                out.flush();
            }
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pipe has no Ctrl-C: {@code /cancel} (read by the form) or the end of input cancels. */
    @Override
    public @Nullable String readAnswer(String prompt, Completer choices) {
        return readLine(prompt);
    }

    @Override
    public synchronized void write(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public void completeWith(Completer completer) {
    }

    @Override
    public void close() {
    }
}
