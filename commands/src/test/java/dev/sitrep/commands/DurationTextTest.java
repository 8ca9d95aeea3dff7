package dev.sitrep.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parsesWhatPeopleType() {
        assertThat(DurationText.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(DurationText.parse("15m")).contains(Duration.ofMinutes(15));
        assertThat(DurationText.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2D")).contains(Duration.ofDays(2));
        assertThat(DurationText.parse("15")).isEmpty();
        assertThat(DurationText.parse("m")).isEmpty();
        assertThat(DurationText.parse("1 h")).isEmpty();
        assertThat(DurationText.parse("-5m")).isEmpty();
    }

    @Test
    void formatsTheTwoLargestUnits() {
        assertThat(DurationText.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DurationText.format(Duration.ofMinutes(62))).isEqualTo("1h 2m");
        assertThat(DurationText.format(Duration.ofHours(4))).isEqualTo("4h");
        assertThat(DurationText.format(Duration.ofHours(50).plusMinutes(5))).isEqualTo("2d 2h");
        assertThat(DurationText.format(Duration.ofMinutes(60).plusSeconds(5))).isEqualTo("1h");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }
}
