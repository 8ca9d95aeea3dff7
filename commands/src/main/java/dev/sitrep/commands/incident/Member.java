package dev.sitrep.commands.incident;

import java.util.Objects;

/** A person (or sitrep itself) as the chat platform identifies them: a stable id and a name to show. */
public record Member(String id, String displayName) {

    /** The actor for what sitrep does on its own, such as reminders. */
    public static final Member SITREP = new Member("sitrep", "sitrep");

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (id.isBlank()) {
            throw new IllegalArgumentException("member id must not be blank");
        }
    }

    public boolean isPerson() {
        return !equals(SITREP);
    }
}
