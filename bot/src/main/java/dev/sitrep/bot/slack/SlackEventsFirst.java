package dev.sitrep.bot.slack;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The first filter on {@code /slack/events} (HTTP mode): a POST is answered here by
 * {@link SlackEventsServlet} and goes no further down the chain. Boot's filters for the rest of the
 * bot (request context, the {@code http.server.requests} observation, Spring Security's chain proxy
 * and firewall, the path filter) did nothing for this path — it checks Slack's signature itself, has
 * one exact mapping and its own timer — yet were a quarter of the request thread's time, which a bare
 * Bolt app does not spend (issue 15 §1, JFR on {@code ./bench -Dbench.only=ack}). Anything but a POST
 * takes the ordinary way (the servlet answers 405). Times every answer as
 * {@code sitrep.ack.latency{platform=slack,status}}: what Slack's 3-second rule is about.
 */
final class SlackEventsFirst implements Filter {

    private final SlackEventsServlet endpoint;
    private final @Nullable MeterRegistry registry;
    private final Map<Integer, Timer> byStatus = new ConcurrentHashMap<>();

    SlackEventsFirst(SlackEventsServlet endpoint, @Nullable MeterRegistry registry) {
        this.endpoint = endpoint;
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        HttpServletResponse answer = (HttpServletResponse) response;
        try {
            if (request instanceof HttpServletRequest http && "POST".equals(http.getMethod())) {
                endpoint.doPost(http, answer);
            } else {
                chain.doFilter(request, response);
            }
        } finally {
            if (registry != null) {
                byStatus.computeIfAbsent(answer.getStatus(), s -> Timer.builder("sitrep.ack.latency")
                        .description("Time to acknowledge a Slack request").tag("platform", "slack")
                        .tag("status", Integer.toString(s)).publishPercentileHistogram().register(registry))
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }
}
