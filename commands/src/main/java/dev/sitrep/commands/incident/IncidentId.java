package dev.sitrep.commands.incident;

import java.util.Locale;
import java.util.Optional;

/** An incident's number within the workspace, shown as INC-42. */
public record IncidentId(long number) {

    public IncidentId {
        if (number < 1) {
            throw new IllegalArgumentException("incident number must be positive, was " + number);
        }
    }

    /** Accepts {@code INC-42}, {@code inc-42} or {@code 42}. */
    public static Optional<IncidentId> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("INC-")) {
            t = t.substring(4);
        }
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long n = Long.parseLong(t);
        return n < 1 ? Optional.empty() : Optional.of(new IncidentId(n));
    }

    public String label() {
        return "INC-" + number;
    }

    @Override
    public String toString() {
        return label();
    }
}
