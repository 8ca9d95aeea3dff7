package dev.sitrep.web;

import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The public status page, on only with {@code sitrep.status-page.enabled=true}. Its paths get their own
 * filter chain ahead of the dashboard's: open to everyone (no login even with OIDC, not loopback-only),
 * GET only, no session, and the dashboard's security headers. Off, {@code /status} is a plain 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sitrep.status-page.enabled", havingValue = "true")
public class StatusPageConfiguration {

    static final String[] PATHS = {"/status", "/status/**"};

    @Bean
    StatusPage statusPage(IncidentStore store, IncidentHistory history, StatusPageSettings settings, Clock clock,
                          DashboardSettings dashboard) {
        return new StatusPage(store, history, settings, clock, dashboard);
    }

    @Bean
    @Order(0)
    SecurityFilterChain statusPageChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(PATHS)
                .authorizeHttpRequests(a -> a.requestMatchers(org.springframework.http.HttpMethod.GET, PATHS).permitAll()
                        .anyRequest().denyAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(DashboardSecurity.CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
