package dev.sitrep.commands.incident;

import java.util.Locale;
import java.util.Optional;

/** How bad an incident is; SEV1 is the worst. Each level has its own update cadence (see Cadences). */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4;

    /** Accepts sev1…sev4 in any case. */
    public static Optional<Severity> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
