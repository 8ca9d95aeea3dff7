package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.Member;
import java.util.Optional;

/**
 * A chat platform's own people lookup by e-mail address (Slack's {@code users.lookupByEmail}), so a
 * person who signs in to the dashboard is known by the accounts they act with. Empty: the platform
 * knows nobody with that address, or could not be asked; either way that person is no member there.
 */
public interface MemberDirectory {

    Optional<Member> byEmail(String email);
}
