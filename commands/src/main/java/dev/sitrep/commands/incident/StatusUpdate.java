package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A structured update as commanders post it: what we can confirm, what we suspect, what we still
 * verify, what people should do now, what the next step risks, the impact, and when the next one comes.
 */
public record StatusUpdate(
        Instant at,
        Member author,
        @Nullable String confirmed,
        @Nullable String suspected,
        @Nullable String verifying,
        @Nullable String actions,
        @Nullable String risk,
        @Nullable String impact,
        @Nullable Status status,
        @Nullable Duration next) {

    public StatusUpdate {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
    }
}
