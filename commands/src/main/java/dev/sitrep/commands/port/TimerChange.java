package dev.sitrep.commands.port;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a change does to the incident's one timer: arm it at a time, cancel it, or leave it as it is. */
public record TimerChange(Kind kind, @Nullable Instant at) {

    public enum Kind { LEAVE, ARM, CANCEL }

    public static final TimerChange LEAVE = new TimerChange(Kind.LEAVE, null);
    public static final TimerChange CANCEL = new TimerChange(Kind.CANCEL, null);

    public TimerChange {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ARM) != (at != null)) {
            throw new IllegalArgumentException("a timer is armed at a time, and only armed");
        }
    }

    public static TimerChange arm(Instant at) {
        return new TimerChange(Kind.ARM, at);
    }

    /** Arms at {@code at} when there is one, else cancels. */
    public static TimerChange armOrCancel(@Nullable Instant at) {
        return at == null ? CANCEL : arm(at);
    }
}
