package dev.sitrep.commands;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What the parser made of a line: a command, or what was wrong with it. */
public sealed interface Parsed {

    record Ok(Command command) implements Parsed {
        public Ok {
            Objects.requireNonNull(command, "command");
        }
    }

    /** {@code verb} is null when not even the verb was recognised; the answer then shows the help. */
    record Invalid(String problem, @Nullable Verb verb) implements Parsed {
        public Invalid {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
