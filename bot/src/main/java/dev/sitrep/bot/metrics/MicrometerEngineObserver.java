package dev.sitrep.bot.metrics;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.EngineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The engine's reports as Prometheus metrics (names are prefixed sitrep_ on /actuator/prometheus). */
final class MicrometerEngineObserver implements EngineObserver {

    private final MeterRegistry registry;

    MicrometerEngineObserver(MeterRegistry registry) {
        this.registry = registry;
        // Both series exist from the start, at 0: after an outage the missed cadences may all go out
        // as escalations, and an alert on reminders must still find its series.
        reminders(false);
        reminders(true);
    }

    private Counter reminders(boolean escalation) {
        return Counter.builder(escalation ? "sitrep.escalations" : "sitrep.reminders")
                .description(escalation ? "Escalations posted" : "Reminders posted").register(registry);
    }

    @Override
    public void commandHandled(Verb verb, String platform, String outcome) {
        Counter.builder("sitrep.commands").description("Commands by verb, platform and outcome")
                .tag("verb", verb.word()).tag("platform", platform).tag("outcome", outcome)
                .register(registry).increment();
    }

    @Override
    public void triageDecided(String platform, String decision, String outcome) {
        Counter.builder("sitrep.triage.decisions").description("Clicks on alert groups posted for triage, by decision"
                        + " (declare, dismiss), platform and outcome")
                .tag("decision", decision).tag("platform", platform).tag("outcome", outcome)
                .register(registry).increment();
    }

    @Override
    public void deliveryTaken(String platform, String outcome) {
        Counter.builder("sitrep.deliveries").description("Deliveries from the platforms by take-once outcome")
                .tag("platform", platform).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void effectFailed(String platform, String effect, boolean givenUp) {
        Counter.builder("sitrep.effect.failures").description("Committed effects that failed, by platform and kind"
                        + " (each try counts; given_up=true when it was the last)")
                .tag("platform", platform).tag("effect", effect).tag("given_up", Boolean.toString(givenUp))
                .register(registry).increment();
    }

    @Override
    public void reminderPosted(boolean escalation, Duration lateness) {
        reminders(escalation).increment();
        Timer.builder("sitrep.reminder.lateness").description("How long after due a reminder was posted")
                .publishPercentileHistogram().register(registry).record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    @Override
    public void incidentResolved(Severity severity, Durations durations) {
        if (durations.timeToAcknowledge() != null) {
            Timer.builder("sitrep.time.to.acknowledge").tag("severity", severity.word()).publishPercentileHistogram()
                    .register(registry).record(durations.timeToAcknowledge());
        }
        if (durations.timeToResolve() != null) {
            Timer.builder("sitrep.time.to.resolve").tag("severity", severity.word()).publishPercentileHistogram()
                    .register(registry).record(durations.timeToResolve());
        }
    }
}
