package dev.sitrep.commands.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import org.junit.jupiter.api.Test;

class ChannelNamesTest {

    private static final IncidentId ID = new IncidentId(42);

    @Test
    void slugsTitles() {
        assertThat(ChannelNames.of("inc", ID, "Checkout errors", 80)).isEqualTo("inc-42-checkout-errors");
        assertThat(ChannelNames.of("inc", ID, "  <!channel> API: 50% 5xx!!  ", 80)).isEqualTo("inc-42-channel-api-50-5xx");
        assertThat(ChannelNames.of("inc", ID, "Zahlungsfehler bei Überweisungen (Straße)", 80))
                .isEqualTo("inc-42-zahlungsfehler-bei-uberweisungen-strasse");
        assertThat(ChannelNames.of("ops", ID, "Café crème", 80)).isEqualTo("ops-42-cafe-creme");
    }

    @Test
    void nonLatinTitlesStillGiveAUsableName() {
        assertThat(ChannelNames.of("inc", ID, "支付失败", 80)).isEqualTo("inc-42");
        assertThat(ChannelNames.of("inc", ID, "💥🔥", 80)).isEqualTo("inc-42");
    }

    @Test
    void longTitlesAreCutWithoutATrailingDash() {
        String name = ChannelNames.of("inc", ID, "a ".repeat(100), 80);
        assertThat(name).hasSizeLessThanOrEqualTo(80).startsWith("inc-42-a-a").doesNotEndWith("-");
        assertThat(name).matches("[a-z0-9-]+");
        assertThat(ChannelNames.of("inc", ID, "x".repeat(200), 100)).hasSize(100);
    }
}
