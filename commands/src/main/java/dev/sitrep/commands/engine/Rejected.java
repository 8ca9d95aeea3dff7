package dev.sitrep.commands.engine;

import dev.sitrep.commands.Verb;
import org.jspecify.annotations.Nullable;

/** Thrown by a handler before it changes anything: the caller gets the problem and the usage privately. */
final class Rejected extends RuntimeException {

    private final @Nullable Verb verb;
    private final boolean listOpenIncidents;

    Rejected(String problem, @Nullable Verb verb) {
        this(problem, verb, false);
    }

    Rejected(String problem, @Nullable Verb verb, boolean listOpenIncidents) {
        super(problem, null, false, false);
        this.verb = verb;
        this.listOpenIncidents = listOpenIncidents;
    }

    @Nullable Verb verb() {
        return verb;
    }

    boolean listOpenIncidents() {
        return listOpenIncidents;
    }
}
