package dev.sitrep.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns whoever made the request into a {@link Viewer}: with OIDC login, the signed-in person's
 * verified e-mail mapped to platform accounts (an address nobody mapped is a member of nothing);
 * without login, the configured local viewer or the operator of this machine.
 */
final class Viewers {

    private final DashboardSettings settings;
    private final boolean login;

    Viewers(DashboardSettings settings, boolean login) {
        this.settings = settings;
        this.login = login;
    }

    Viewer of(@Nullable Authentication authentication) {
        if (!login) {
            String local = settings.localViewer();
            return local == null ? Viewer.operator() : accounts(local, List.of(local));
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return new Viewer("nobody", Set.of(), false);
        }
        String email = user.getEmail();
        // An address the provider has not verified proves nothing about who signed in.
        if (email == null || Boolean.FALSE.equals(user.getEmailVerified())) {
            return new Viewer(user.getSubject(), Set.of(), false);
        }
        return accounts(email, settings.membersByEmail().getOrDefault(email.trim().toLowerCase(Locale.ROOT), List.of()));
    }

    private Viewer accounts(String name, List<String> ids) {
        Set<String> accounts = new HashSet<>(ids);
        boolean admin = accounts.stream().anyMatch(settings.admins()::contains);
        return new Viewer(name, accounts, admin);
    }
}
