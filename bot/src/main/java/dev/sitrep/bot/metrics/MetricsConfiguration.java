package dev.sitrep.bot.metrics;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IncidentStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and log context: the engine's counters and timers, open incidents by severity. Slack's
 * acknowledgement latency is timed where it is answered (bot.slack {@code SlackEventsFirst}).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    EngineObserver engineMetrics(MeterRegistry registry) {
        return new MicrometerEngineObserver(registry);
    }

    @Bean
    EngineObserver incidentLogContext() {
        return new IncidentLogContext();
    }

    /** Read from Redis when scraped, so every replica reports the same, current number. */
    @Bean
    MeterBinder openIncidents(IncidentStore store) {
        return registry -> {
            for (Severity severity : Severity.values()) {
                Gauge.builder("sitrep.incidents.open", store, s -> count(s.open(), severity))
                        .description("Open incidents").tag("severity", severity.word()).register(registry);
            }
        };
    }

    private static double count(List<Incident> open, Severity severity) {
        return open.stream().filter(i -> i.severity() == severity).count();
    }
}
