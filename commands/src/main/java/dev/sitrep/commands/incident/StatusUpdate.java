package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A structured update as commanders post it: what we can confirm, what we suspect, what we still
 * verify, what people should do now, what the next step risks, the impact, and when the next one comes;
 * {@code publicUpdate}: its impact and the incident's title may be shown to customers (the status page).
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
        @Nullable Duration next,
        Boolean publicUpdate) {

    public StatusUpdate {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        // Updates stored before the public flag existed carry none: they were internal. (A boxed
        // component, since a missing primitive is refused when the stored JSON is read.)
        publicUpdate = Boolean.TRUE.equals(publicUpdate);
    }

    /** An internal update (not marked {@code public: yes}). */
    public StatusUpdate(Instant at, Member author, @Nullable String confirmed, @Nullable String suspected,
                        @Nullable String verifying, @Nullable String actions, @Nullable String risk,
                        @Nullable String impact, @Nullable Status status, @Nullable Duration next) {
        this(at, author, confirmed, suspected, verifying, actions, risk, impact, status, next, false);
    }

    /** The same update with every text field passed through {@code f} (absent fields stay absent). */
    public StatusUpdate mapText(UnaryOperator<String> f) {
        UnaryOperator<@Nullable String> g = t -> t == null ? null : f.apply(t);
        return new StatusUpdate(at, author, g.apply(confirmed), g.apply(suspected), g.apply(verifying),
                g.apply(actions), g.apply(risk), g.apply(impact), status, next, publicUpdate);
    }
}
