package dev.sitrep.bot.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jspecify.annotations.Nullable;

/**
 * JLine on a terminal: editing, history (kept in a file across runs), Tab completion, and output
 * printed above the line being typed, so a reminder never lands in the middle of it.
 */
final class LineEditor implements ConsoleLines {

    private final Terminal terminal;
    private final LineReader reader;
    private volatile Completer completion = (reader, line, candidates) -> {
    };

    LineEditor(Terminal terminal, @Nullable Path historyFile) {
        this.terminal = terminal;
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("sitrep")
                // Typed text is chat: an apostrophe or a backslash is text, not a quote that waits for its
                // closing partner on the next line, and '!' is not a history expansion.
                .parser(new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .completer((lineReader, line, candidates) -> completion.complete(lineReader, line, candidates));
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
    }

    @Override
    public @Nullable String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            // Ctrl-C drops the line being typed; on an empty line it leaves, as Ctrl-D does.
            return e.getPartialLine() == null || e.getPartialLine().isBlank() ? null : "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /**
     * Ctrl-C here cancels the form, whatever was typed, and never leaves the console; the answers
     * stay out of the history, which is for the commands a person may want again.
     */
    @Override
    public @Nullable String readAnswer(String prompt, Completer choices) {
        Completer typing = completion;
        completion = choices;
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
            completion = typing;
        }
    }

    @Override
    public void write(String text) {
        reader.printAbove(text);
    }

    @Override
    public void completeWith(Completer completer) {
        this.completion = completer;
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
