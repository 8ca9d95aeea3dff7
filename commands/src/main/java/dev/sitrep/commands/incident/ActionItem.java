package dev.sitrep.commands.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A follow-up someone has to do, numbered within its incident. */
public record ActionItem(
        int number,
        String text,
        @Nullable Member owner,
        @Nullable LocalDate due,
        boolean done,
        Instant createdAt,
        Member createdBy) {

    public ActionItem {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (number < 1) {
            throw new IllegalArgumentException("action item number must be positive");
        }
    }
}
