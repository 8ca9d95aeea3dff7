package dev.sitrep.commands.incident;

import java.util.Locale;
import java.util.Optional;

/** Where an incident stands. Moves only forward; a resolved incident can be reopened. */
public enum Status {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    public static Optional<Status> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Status s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** investigating, identified, monitoring, resolved: for messages that list the choices. */
    public static String words() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Status::word).toList());
    }

    public boolean isOpen() {
        return this != RESOLVED;
    }

    /** Forward moves only; leaving RESOLVED is a reopen and is allowed to any open status. */
    public boolean canMoveTo(Status next) {
        if (this == RESOLVED) {
            return next != RESOLVED;
        }
        return next.ordinal() > ordinal();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
