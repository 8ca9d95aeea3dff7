package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.MemberDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** Who may see a private incident: its members and admins, found from a signed-in person's verified e-mail. */
class ViewersTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Member BOB = new Member("slack", "U0BOB", "bob");
    static final Member CAROL = new Member("slack", "U0CAROL", "carol");
    static final DashboardSettings SETTINGS = new DashboardSettings(Set.of("slack:U0ADMIN"),
            Map.of("Bob@Example.com", List.of("slack:U0BOB"), "carol@example.com", List.of("slack:U0CAROL"),
                    "root@example.com", List.of("slack:U0ADMIN")), null, 50, ZoneOffset.UTC, Map.of());
    static final Incident PRIVATE = Incident.declare(new IncidentId(7), "Payroll leak", Severity.SEV2, true, BOB, NOW,
            Duration.ofMinutes(30));

    final Viewers viewers = new Viewers(SETTINGS, true);

    @Test
    void aPrivateIncidentIsForItsMembersAndAdminsOnly() {
        assertThat(sees("bob@example.com", true, PRIVATE)).isTrue();
        assertThat(sees("root@example.com", true, PRIVATE)).isTrue();
        assertThat(sees("carol@example.com", true, PRIVATE)).isFalse();
        assertThat(sees("stranger@example.com", true, PRIVATE)).isFalse();
        Incident everyone = Incident.declare(new IncidentId(8), "Checkout", Severity.SEV1, false, BOB, NOW,
                Duration.ofMinutes(15));
        assertThat(sees("stranger@example.com", true, everyone)).isTrue();
    }

    @Test
    void anUnverifiedAddressIsNobody() {
        assertThat(sees("bob@example.com", false, PRIVATE)).isFalse();
        assertThat(viewers.of(null).accounts()).isEmpty();
    }

    @Test
    void anActionItemOwnerOrSomeoneOnTheTimelineIsAMember() {
        Incident withItem = PRIVATE.withActionItem(new ActionItem(1, "rotate keys", CAROL, null, false, NOW, BOB));
        assertThat(sees("carol@example.com", true, withItem)).isTrue();
        Viewer carol = viewers.of(login("carol@example.com", true));
        assertThat(carol.canSee(PRIVATE, () -> List.of(new TimelineEntry(NOW, CAROL, TimelineEntry.Kind.NOTE, "hi"))))
                .isTrue();
    }

    @Test
    void withoutLoginTheLocalViewerOrTheOperatorLooks() {
        assertThat(new Viewers(SETTINGS, false).of(null).admin()).isTrue();
        DashboardSettings alice = new DashboardSettings(Set.of(), Map.of(), "slack:U0ALICE", 50, ZoneOffset.UTC, Map.of());
        Viewer local = new Viewers(alice, false).of(null);
        assertThat(local.admin()).isFalse();
        assertThat(local.canSee(PRIVATE, List::of)).isFalse();
    }

    @Test
    void aPlatformsOwnLookupMakesAnUnmappedAddressAMemberAndIsAskedOncePerPeriod() {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        MemberDirectory slack = email -> {
            asked.add(email);
            return "dana@example.com".equals(email) ? Optional.of(new Member("slack", "U0DANA", "dana")) : Optional.empty();
        };
        MutableClock clock = new MutableClock(NOW);
        Viewers withLookup = new Viewers(SETTINGS, true, List.of(slack), clock);
        Incident danas = PRIVATE.withRole("comms", new Member("slack", "U0DANA", "dana"));

        assertThat(withLookup.of(login("Dana@Example.com", true)).canSee(danas, List::of)).isTrue();
        assertThat(withLookup.of(login("stranger@example.com", true)).canSee(danas, List::of)).isFalse();
        // The explicit mapping still counts beside the lookup.
        assertThat(withLookup.of(login("bob@example.com", true)).canSee(danas, List::of)).isTrue();
        withLookup.of(login("dana@example.com", true));
        assertThat(asked).containsExactly("dana@example.com", "stranger@example.com", "bob@example.com");

        clock.advance(Viewers.LOOKUP_KEPT);
        withLookup.of(login("dana@example.com", true));
        assertThat(asked).hasSize(4);
        // An unverified address is never looked up.
        assertThat(withLookup.of(login("dana@example.com", false)).canSee(danas, List::of)).isFalse();
        assertThat(asked).hasSize(4);
    }

    /** A clock the test moves. */
    static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private boolean sees(String email, boolean verified, Incident incident) {
        return viewers.of(login(email, verified)).canSee(incident, List::of);
    }

    private static OAuth2AuthenticationToken login(String email, boolean verified) {
        OidcIdToken token = new OidcIdToken("t", NOW, NOW.plusSeconds(60),
                Map.of("sub", "s-" + email, "email", email, "email_verified", verified));
        return new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(), token), List.of(), "test");
    }
}
