package dev.sitrep.bot.metrics;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IncidentStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.Filter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics and log context: the engine's counters and timers, open incidents by severity, Slack acknowledgement latency. */
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

    /** How long /slack/events takes to answer: what Slack's 3-second rule is about. */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<Filter> slackAcknowledgementTimer(MeterRegistry registry) {
        Timer timer = Timer.builder("sitrep.ack.latency").description("Time to acknowledge a Slack request")
                .tag("platform", "slack").publishPercentileHistogram().register(registry);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                (request, response, chain) -> timer.record(() -> {
                    try {
                        chain.doFilter(request, response);
                    } catch (java.io.IOException | jakarta.servlet.ServletException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        registration.addUrlPatterns("/slack/events");
        return registration;
    }
}
