package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Only what was published reaches customers; the rest of an incident never does. */
class PublicStatusTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final Member ANA = new Member("slack", "U1", "Ana Secretname");
    static final StatusPageSettings SETTINGS = new StatusPageSettings("Acme status", List.of("Checkout", "Search", "Login"),
            Duration.ofDays(7));

    @Test
    void onlyPublicUpdatesOfNonPrivateIncidentsAreShownAndOnlyTheirImpact() {
        Incident checkout = incident(1, "Checkout errors", Severity.SEV1, false, "2026-12-02T10:00:00Z",
                update("2026-12-02T10:05:00Z", "payments deploy 4.2 by Ana", "EU customers cannot pay", true),
                update("2026-12-02T10:20:00Z", "rolled back", "internal impact words", false));
        Incident quiet = incident(2, "Search latency", Severity.SEV3, false, "2026-12-02T11:00:00Z",
                update("2026-12-02T11:05:00Z", "p99 up", "slower search", false));
        Incident secret = incident(3, "Payroll leak", Severity.SEV2, true, "2026-12-02T09:00:00Z",
                update("2026-12-02T09:05:00Z", "bucket open", "salaries exposed", true));

        PublicStatus status = PublicStatus.of(List.of(checkout, quiet, secret), SETTINGS, NOW);

        assertThat(status.active()).extracting(PublicStatus.PublicIncident::title).containsExactly("Checkout errors");
        PublicStatus.PublicIncident shown = status.active().get(0);
        assertThat(shown.updates()).containsExactly(
                new PublicStatus.PublicUpdate(Instant.parse("2026-12-02T10:05:00Z"), "EU customers cannot pay"));
        assertThat(shown.key()).isEqualTo("incident-" + Instant.parse("2026-12-02T10:00:00Z").toEpochMilli());
        assertThat(status.level()).isEqualTo("major_outage");
        assertThat(status.components()).containsExactly(
                new PublicStatus.Component("Checkout", "major_outage", "major outage"),
                new PublicStatus.Component("Search", "operational", "operational"),
                new PublicStatus.Component("Login", "operational", "operational"));
        assertThat(status.toString()).doesNotContain("Ana", "Secretname", "payments deploy", "internal impact",
                "Payroll", "salaries", "slower search", "INC-");
    }

    @Test
    void resolvedIncidentsStayForTheWindowWithTheirResolutionTime() {
        Incident recent = incident(4, "Login failures", Severity.SEV2, false, "2026-12-01T08:00:00Z",
                update("2026-12-01T08:10:00Z", "idp down", "Some customers cannot sign in", true))
                .resolved("fixed the IdP by Ana", Instant.parse("2026-12-01T09:30:00Z"));
        Incident old = incident(5, "Old outage", Severity.SEV1, false, "2026-11-01T08:00:00Z",
                update("2026-11-01T08:10:00Z", "x", "everything down", true))
                .resolved("done", Instant.parse("2026-11-01T09:00:00Z"));

        PublicStatus status = PublicStatus.of(List.of(recent, old), SETTINGS, NOW);

        assertThat(status.active()).isEmpty();
        assertThat(status.level()).isEqualTo("operational");
        assertThat(status.summary()).isEqualTo("All systems operational");
        assertThat(status.resolved()).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Login failures");
            assertThat(i.resolvedAt()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
            assertThat(i.lasted()).isEqualTo("1h 30m");
            assertThat(i.status()).isEqualTo("resolved");
        });
        assertThat(status.toString()).doesNotContain("fixed the IdP", "Ana");
    }

    @Test
    void theAtomFeedHasOneEntryPerPublicUpdateAndResolutionNewestFirstWithEscapedText() throws Exception {
        Incident hostile = incident(6, "<b>Checkout</b> & \"carts\"", Severity.SEV2, false, "2026-12-01T08:00:00Z",
                update("2026-12-01T08:10:00Z", "x", "Carts <script>alert(1)</script> empty", true))
                .resolved("done", Instant.parse("2026-12-01T09:00:00Z"));

        String xml = AtomFeed.of(PublicStatus.of(List.of(hostile), SETTINGS, NOW), "https://status.example/status");

        Document feed = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(root.getLocalName()).isEqualTo("feed");
        var entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        Element newest = (Element) entries.item(0);
        assertThat(text(newest, "title")).isEqualTo("Resolved: <b>Checkout</b> & \"carts\"");
        assertThat(text(newest, "updated")).isEqualTo("2026-12-01T09:00:00Z");
        Element first = (Element) entries.item(1);
        assertThat(text(first, "content")).isEqualTo("Carts <script>alert(1)</script> empty");
        assertThat(text(first, "id")).startsWith("tag:sitrep,2026-12-01:incident-");
        assertThat(xml).doesNotContain("<script>");
    }

    private static String text(Element entry, String name) {
        return entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name).item(0).getTextContent();
    }

    static StatusUpdate update(String at, String confirmed, String impact, boolean isPublic) {
        return new StatusUpdate(Instant.parse(at), ANA, confirmed, null, null, null, null, impact, null, null, isPublic);
    }

    static Incident incident(int n, String title, Severity severity, boolean privateIncident, String declared,
                             StatusUpdate... updates) {
        Incident incident = new Incident(new IncidentId(n), title, severity, Status.IDENTIFIED,
                java.util.Map.of(Incident.COMMANDER, ANA), java.util.Map.of(), privateIncident, Instant.parse(declared),
                null, null, null, Duration.ofMinutes(30), null, 0, List.of(updates), List.of(), null, java.util.Map.of(),
                false, null, null, List.of(), List.of(), 1, List.of());
        return incident;
    }
}
