package dev.sitrep.commands;

import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The fields of a structured update as given; every one is optional. */
public record UpdateFields(
        @Nullable String confirmed,
        @Nullable String suspected,
        @Nullable String verifying,
        @Nullable String actions,
        @Nullable String risk,
        @Nullable String impact,
        @Nullable Status status,
        @Nullable Duration next) {

    public static final UpdateFields NONE = new UpdateFields(null, null, null, null, null, null, null, null);

    /** The field names as users type them, in the order forms and messages show them. */
    public static final java.util.List<String> NAMES =
            java.util.List.of("confirmed", "suspected", "verifying", "actions", "risk", "impact", "status", "next");

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** True when the update says something beyond a status or a next time. */
    public boolean hasText() {
        return confirmed != null || suspected != null || verifying != null || actions != null
                || risk != null || impact != null;
    }
}
