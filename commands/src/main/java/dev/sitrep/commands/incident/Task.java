package dev.sitrep.commands.incident;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One step of the service's checklist, numbered from 1 within its incident: done (by whom, when) or not. */
public record Task(int number, String text, boolean done, @Nullable Member by, @Nullable Instant at) {

    public Task {
        Objects.requireNonNull(text, "text");
        if (number < 1) {
            throw new IllegalArgumentException("task number must be positive");
        }
    }

    public static Task open(int number, String text) {
        return new Task(number, text, false, null, null);
    }

    public Task checked(boolean nowDone, Member who, Instant when) {
        return new Task(number, text, nowDone, who, when);
    }
}
