package dev.sitrep.bot.metrics;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IncidentStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/** Metrics and log context: the engine's counters and timers, open incidents by severity, Slack acknowledgement latency. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    private static final String SLACK_EVENTS = "/slack/events";

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

    /**
     * How long /slack/events takes to answer, by status: what Slack's 3-second rule is about. The
     * one timer of that path: Boot's {@code http.server.requests} observation skips it (below).
     */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<Filter> slackAcknowledgementTimer(MeterRegistry registry) {
        Map<Integer, Timer> byStatus = new ConcurrentHashMap<>();
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            long started = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                int status = ((HttpServletResponse) response).getStatus();
                byStatus.computeIfAbsent(status, s -> Timer.builder("sitrep.ack.latency")
                        .description("Time to acknowledge a Slack request").tag("platform", "slack")
                        .tag("status", Integer.toString(s)).publishPercentileHistogram().register(registry))
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        });
        registration.addUrlPatterns(SLACK_EVENTS);
        return registration;
    }

    /**
     * Boot's {@code http.server.requests} skips /slack/events: {@code sitrep.ack.latency} above
     * times it with the same status, and a second observation on every acknowledgement was an
     * eighth of the request thread's time (issue 15 §1, JFR on {@code ./bench -Dbench.only=ack}).
     */
    @Bean
    ObservationPredicate slackEventsTimedOnce() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && SLACK_EVENTS.equals(request.getCarrier().getRequestURI()));
    }
}
