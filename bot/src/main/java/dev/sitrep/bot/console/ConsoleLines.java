package dev.sitrep.bot.console;

import org.jline.reader.Completer;
import org.jspecify.annotations.Nullable;

/** Where the console's lines come from and its output goes: a line editor on a terminal, or plain lines. */
interface ConsoleLines extends AutoCloseable {

    /** The next line typed after the prompt, or null at end of input. */
    @Nullable String readLine(String prompt);

    /**
     * The answer to one question of a form, typed after the prompt: not kept in the history, Tab
     * offers {@code choices}; null when the person cancels (Ctrl-C on a terminal, or end of input).
     */
    @Nullable String readAnswer(String prompt, Completer choices);

    /** Prints whole lines; on a terminal above the line being typed, which is drawn again below them. */
    void write(String text);

    /** What Tab offers; plain lines have no Tab. */
    void completeWith(Completer completer);

    @Override
    void close();
}
