package dev.sitrep.commands.incident;

import java.util.Objects;

/**
 * A person (or sitrep itself) as one chat platform identifies them: the platform, its stable id
 * there, and a name to show. The id means something only on its platform, so a member is always
 * compared, and mentioned, together with it.
 */
public record Member(String platform, String id, String displayName) {

    /** The actor for what sitrep does on its own, such as reminders; it lives on no chat platform. */
    public static final Member SITREP = new Member("sitrep", "sitrep", "sitrep");

    public Member {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (platform.isBlank()) {
            throw new IllegalArgumentException("member platform must not be blank");
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("member id must not be blank");
        }
    }

    /** The same account: same platform, same id. Display names are chosen by members and prove nothing. */
    public boolean sameAs(Member other) {
        return platform.equals(other.platform) && id.equals(other.id);
    }

    public boolean isPerson() {
        return !sameAs(SITREP);
    }
}
