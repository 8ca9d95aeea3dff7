package dev.sitrep.web;

import dev.sitrep.commands.port.IncidentChanges;
import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.MemberDirectory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The dashboard's beans. The bot imports this and supplies the ports ({@link IncidentStore},
 * {@link IncidentHistory}, {@link IncidentChanges}, any {@link MemberDirectory}), a {@link Clock} and
 * {@link DashboardSettings}.
 * Login is OIDC exactly when an OAuth2 client registration is configured
 * ({@code spring.security.oauth2.client.registration.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class DashboardConfiguration {

    @Bean
    Viewers dashboardViewers(DashboardSettings settings, ObjectProvider<ClientRegistrationRepository> registrations,
                             ObjectProvider<MemberDirectory> directories, Clock clock) {
        return new Viewers(settings, registrations.getIfAvailable() != null, directories.orderedStream().toList(),
                clock);
    }

    @Bean
    IncidentViews incidentViews(Clock clock, DashboardSettings settings) {
        return new IncidentViews(clock, settings);
    }

    @Bean
    IncidentPages incidentPages(IncidentStore store, IncidentHistory history, Viewers viewers, IncidentViews views,
                                DashboardSettings settings) {
        return new IncidentPages(store, history, viewers, views, settings);
    }

    @Bean
    MetricsPage metricsPage(IncidentStore store, IncidentHistory history, Viewers viewers, Clock clock,
                            DashboardSettings settings) {
        return new MetricsPage(store, history, viewers, clock, settings);
    }

    @Bean(destroyMethod = "close")
    LiveChanges liveChanges(IncidentChanges changes, IncidentStore store, Viewers viewers) {
        return new LiveChanges(changes, store, viewers);
    }

    @Bean
    @Order(1)
    SecurityFilterChain dashboardChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations)
            throws Exception {
        return DashboardSecurity.dashboard(http, registrations.getIfAvailable() != null);
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElseChain(HttpSecurity http) throws Exception {
        return DashboardSecurity.everythingElse(http);
    }
}
