package dev.sitrep.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Verb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** What the engine reports, as the counters /actuator/prometheus shows (sitrep_…_total). */
class MicrometerEngineObserverTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerEngineObserver observer = new MicrometerEngineObserver(registry);

    @Test
    void triageDecisionsAreCountedApartFromCommands() {
        observer.triageDecided("slack", "declare", "ok");
        observer.triageDecided("slack", "declare", "ok");
        observer.triageDecided("discord", "dismiss", "rejected");
        observer.commandHandled(Verb.START, "slack", "ok");

        assertThat(registry.get("sitrep.triage.decisions").tags("decision", "declare", "platform", "slack", "outcome", "ok")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("sitrep.triage.decisions").tags("decision", "dismiss", "platform", "discord",
                "outcome", "rejected").counter().count()).isEqualTo(1);
        assertThat(registry.get("sitrep.commands").tags("verb", "start").counter().count()).isEqualTo(1);
    }

    @Test
    void effectFailuresAreCountedByKindAndWhetherGivenUp() {
        observer.effectFailed("slack", "topic", false);
        observer.effectFailed("slack", "topic", false);
        observer.effectFailed("slack", "topic", true);

        assertThat(registry.get("sitrep.effect.failures").tags("platform", "slack", "effect", "topic", "given_up", "false")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("sitrep.effect.failures").tags("given_up", "true").counter().count()).isEqualTo(1);
    }
}
