package dev.sitrep.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = Redactor.defaults();

    @Test
    void commonSecretShapesAreRedacted() {
        assertThat(redactor.redact("slack xoxb-1234567890-abcdefghijkl done")).isEqualTo("slack [REDACTED] done");
        assertThat(redactor.redact("gh " + PostmortemFixture.TOKEN)).isEqualTo("gh [REDACTED]");
        assertThat(redactor.redact("aws AKIAIOSFODNN7EXAMPLE key")).isEqualTo("aws [REDACTED] key");
        assertThat(redactor.redact("password: hunter2, user=bob")).isEqualTo("password: [REDACTED], user=bob");
        assertThat(redactor.redact("API_KEY=abc123def")).isEqualTo("API_KEY=[REDACTED]");
        assertThat(redactor.redact("Authorization: Bearer abcdefghijklmnop")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(redactor.redact("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"))
                .isEqualTo("jwt [REDACTED]");
        assertThat(redactor.redact("-----BEGIN RSA PRIVATE KEY-----\nMIIE\nabc\n-----END RSA PRIVATE KEY-----"))
                .isEqualTo("[REDACTED]");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "The token bucket drained; password reset emails were delayed by 5m.";
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void operatorsAddTheirOwnPatternsAndBadOnesStopStartup() {
        List<String> patterns = new ArrayList<>(Redactor.DEFAULT_PATTERNS);
        patterns.add("acme-[0-9]{6}");
        assertThat(new Redactor(patterns).redact("customer acme-123456 called")).isEqualTo("customer [REDACTED] called");
        assertThatThrownBy(() -> new Redactor(List.of("([unclosed"))).hasMessageContaining("sitrep.postmortem.redact");
    }
}
