package dev.sitrep.commands.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void theDedupKeyComesFromTheIncidentAndTheServiceOnlySoEveryReplicaAndRetryNamesTheSameAlert() {
        PageKey first = new PageKey(new IncidentId(42), "checkout");
        PageKey again = new PageKey(IncidentId.parse("inc-42").orElseThrow(), "checkout");

        assertThat(first.dedupKey()).isEqualTo("sitrep-INC-42-checkout").isEqualTo(again.dedupKey());
        assertThat(new PageKey(new IncidentId(42), "payments").dedupKey()).isNotEqualTo(first.dedupKey());
        assertThat(new PageKey(new IncidentId(43), "checkout").dedupKey()).isNotEqualTo(first.dedupKey());
    }

    @Test
    void aServiceNameThatCannotBeAKeyIsRefused() {
        assertThatThrownBy(() -> new PageKey(new IncidentId(1), "check out")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check out");
        assertThatThrownBy(() -> new PageKey(new IncidentId(1), "x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSummaryLongerThanPagerDutyTakesIsCutToItsLimit() {
        PageRequest page = new PageRequest(new PageKey(new IncidentId(1), "checkout"), "a".repeat(5000),
                PageSeverity.of(Severity.SEV2), "sitrep", List.of());

        assertThat(page.summary()).hasSize(PageRequest.LONGEST_SUMMARY).endsWith("…");
    }

    @Test
    void severitiesMapFromSev1CriticalToSev4Info() {
        assertThat(List.of(Severity.values()).stream().map(s -> PageSeverity.of(s).word()))
                .containsExactly("critical", "error", "warning", "info");
    }
}
