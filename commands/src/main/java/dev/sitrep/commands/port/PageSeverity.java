package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.Severity;
import java.util.Locale;

/** How urgent a page is, in the four words pagers share (PagerDuty's {@code payload.severity}). */
public enum PageSeverity {
    CRITICAL, ERROR, WARNING, INFO;

    /** SEV1 is critical, SEV4 informational. */
    public static PageSeverity of(Severity severity) {
        return values()[severity.ordinal()];
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
