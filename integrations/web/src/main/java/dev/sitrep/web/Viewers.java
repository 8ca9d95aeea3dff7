package dev.sitrep.web;

import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.port.MemberDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns whoever made the request into a {@link Viewer}: with OIDC login, the signed-in person's
 * verified e-mail mapped to platform accounts, through the explicit {@code sitrep.web.members}
 * and each platform's own people lookup (an address nobody knows is a member of nothing);
 * without login, the configured local viewer or the operator of this machine.
 */
final class Viewers {

    /** How long a platform's answer about an address is trusted before it is asked again. */
    static final Duration LOOKUP_KEPT = Duration.ofMinutes(10);

    private record Looked(Set<String> accounts, Instant at) {
    }

    private final DashboardSettings settings;
    private final boolean login;
    private final List<MemberDirectory> directories;
    private final Clock clock;
    // Every page and event stream asks who is looking; the platforms are asked once per address and period.
    private final Map<String, Looked> looked = new ConcurrentHashMap<>();

    Viewers(DashboardSettings settings, boolean login) {
        this(settings, login, List.of(), Clock.systemUTC());
    }

    Viewers(DashboardSettings settings, boolean login, List<MemberDirectory> directories, Clock clock) {
        this.settings = settings;
        this.login = login;
        this.directories = List.copyOf(directories);
        this.clock = clock;
    }

    Viewer of(@Nullable Authentication authentication) {
        if (!login) {
            String local = settings.localViewer();
            return local == null ? Viewer.operator() : accounts(local, Set.of(local));
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return new Viewer("nobody", Set.of(), false);
        }
        String email = user.getEmail();
        // An address the provider has not verified proves nothing about who signed in.
        if (email == null || Boolean.FALSE.equals(user.getEmailVerified())) {
            return new Viewer(user.getSubject(), Set.of(), false);
        }
        String address = email.trim().toLowerCase(Locale.ROOT);
        Set<String> ids = new HashSet<>(settings.membersByEmail().getOrDefault(address, List.of()));
        ids.addAll(lookedUp(address));
        return accounts(email, ids);
    }

    private Set<String> lookedUp(String address) {
        if (directories.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Looked known = looked.get(address);
        if (known != null && known.at().plus(LOOKUP_KEPT).isAfter(now)) {
            return known.accounts();
        }
        Set<String> found = new HashSet<>();
        for (MemberDirectory directory : directories) {
            directory.byEmail(address).map(Viewers::account).ifPresent(found::add);
        }
        looked.put(address, new Looked(Set.copyOf(found), now));
        return found;
    }

    private static String account(Member member) {
        return member.platform() + ":" + member.id();
    }

    private Viewer accounts(String name, Set<String> ids) {
        boolean admin = ids.stream().anyMatch(settings.admins()::contains);
        return new Viewer(name, ids, admin);
    }
}
