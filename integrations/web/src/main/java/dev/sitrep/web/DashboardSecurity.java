package dev.sitrep.web;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * Two filter chains. The dashboard's paths: CSRF on, security headers with a Content-Security-Policy
 * that allows no inline script and nothing from elsewhere, and either OIDC login or loopback only.
 * Everything else the bot serves (probes, metrics, alert receivers) passes through untouched, as it
 * did before the dashboard existed. Slack's {@code /slack/events} matches no chain at all: it checks
 * Slack's signature itself, and the untouched chain's dozen filters, each observed for metrics, were
 * the largest part of its acknowledgement time (issue 15 §1, JFR on {@code ./bench -Dbench.only=ack});
 * in HTTP mode bot's {@code SlackEventsFirst} now answers its POSTs before Spring Security's filter.
 */
final class DashboardSecurity {

    static final String[] PATHS = {"/", "/incidents", "/incidents/**", "/events", "/insights", "/sitrep/**", "/webjars/**",
        "/login/**", "/oauth2/**", "/logout"};

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private DashboardSecurity() {
    }

    static SecurityFilterChain dashboard(HttpSecurity http, boolean login) throws Exception {
        http.securityMatcher(PATHS)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .csrf(Customizer.withDefaults());
        if (login) {
            http.authorizeHttpRequests(a -> a.requestMatchers("/sitrep/**", "/webjars/**").permitAll()
                            .anyRequest().authenticated())
                    .oauth2Login(Customizer.withDefaults())
                    .logout(l -> l.logoutSuccessUrl("/"));
        } else {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .addFilterBefore(new LoopbackOnly(), SecurityContextHolderFilter.class)
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        }
        return http.build();
    }

    /** Slack's endpoint (HTTP mode), which no chain matches. */
    static final String SLACK_EVENTS = "/slack/events";

    static SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.securityMatcher(new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(SLACK_EVENTS)))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .headers(h -> h.disable())
                .requestCache(r -> r.disable())
                .securityContext(s -> s.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
