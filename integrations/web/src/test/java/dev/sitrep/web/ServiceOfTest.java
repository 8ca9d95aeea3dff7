package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service filter reads a service in whichever shape the incident gives it. */
class ServiceOfTest {

    record Service(String name, String owner) {
    }

    @Test
    void aNameAnOptionalOrARecordWithANameReadAsTheName() throws Exception {
        assertThat(ServiceOf.name("checkout")).isEqualTo("checkout");
        assertThat(ServiceOf.name(Optional.of("checkout"))).isEqualTo("checkout");
        assertThat(ServiceOf.name(new Service("payments", "team-pay"))).isEqualTo("payments");
        assertThat(ServiceOf.name(Optional.of(new Service("payments", "team-pay")))).isEqualTo("payments");
    }

    @Test
    void nothingReadsAsNoService() throws Exception {
        assertThat(ServiceOf.name(null)).isEmpty();
        assertThat(ServiceOf.name(Optional.empty())).isEmpty();
        assertThat(ServiceOf.name(42)).isEmpty();
    }
}
