package dev.sitrep.commands.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A follow-up someone has to do, numbered within its incident. */
public record ActionItem(
        int number,
        String text,
        @Nullable Member owner,
        @Nullable LocalDate due,
        boolean done,
        Instant createdAt,
        Member createdBy,
        @Nullable String link) {

    public ActionItem {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (number < 1) {
            throw new IllegalArgumentException("action item number must be positive");
        }
    }

    public ActionItem(int number, String text, @Nullable Member owner, @Nullable LocalDate due, boolean done,
                      Instant createdAt, Member createdBy) {
        this(number, text, owner, due, done, createdAt, createdBy, null);
    }

    /** The same item, tracked elsewhere (e.g. a GitHub issue) at {@code url}. */
    public ActionItem withLink(String url) {
        return new ActionItem(number, text, owner, due, done, createdAt, createdBy, url);
    }

    /** The same item with its text passed through {@code f} (see {@link Incident#mapText}). */
    public ActionItem mapText(UnaryOperator<String> f) {
        return new ActionItem(number, f.apply(text), owner, due, done, createdAt, createdBy, link);
    }

    /** The same item, finished. */
    public ActionItem finished() {
        return new ActionItem(number, text, owner, due, true, createdAt, createdBy, link);
    }
}
