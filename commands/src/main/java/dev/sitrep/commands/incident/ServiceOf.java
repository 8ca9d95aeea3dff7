package dev.sitrep.commands.incident;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service an incident is about, as configured when it was set: kept on the incident so the
 * kick-off, the postmortem and the dashboard show what responders saw, even after a redeploy.
 */
public record ServiceOf(String name, String displayName, @Nullable String runbook) {

    public ServiceOf {
        Objects.requireNonNull(name, "name");
        displayName = displayName == null || displayName.isBlank() ? name : displayName;
    }
}
