package dev.sitrep.bot.paging;

import dev.sitrep.commands.port.Pager;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.paging.PagerDutyPager;
import dev.sitrep.paging.PagerRouter;
import dev.sitrep.paging.WebhookPager;
import java.time.Clock;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.commands.service.Service;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link Pager}: a service with a PagerDuty routing key is paged there, any other through the
 * webhook when one is configured; with neither, a page fails naming what to configure.
 */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration {

    @Bean
    Pager pager(PagingProperties properties, Clock clock, ObjectProvider<ServiceCatalog> services) {
        OutboundPolicy policy = OutboundPolicy.of(properties.maxAttempts(), properties.firstBackoff(), properties.timeout());
        Map<String, String> keys = routingKeys(properties, services.getIfAvailable(() -> ServiceCatalog.NONE));
        Optional<Pager> webhook = properties.webhook().enabled() ? Optional.of(webhook(properties, policy, clock))
                : Optional.empty();
        if (keys.isEmpty()) {
            // No PagerDuty key: no PagerDuty client either. Its HTTP client (TLS set-up) and circuit breaker
            // were 8 % of the console's context refresh in a startup profile (issue 15 §2), for a pager serving nobody.
            return new PagerRouter(service -> webhook);
        }
        PagerDutyPager pagerDuty = new PagerDutyPager(properties.pagerduty().apiUrl(), keys, policy);
        return new PagerRouter(service -> pagerDuty.serves(service) ? Optional.of(pagerDuty) : webhook);
    }

    /**
     * The key of each service: the one its {@code paging.routing-key} names (checked at startup), else
     * the one named like the service itself.
     */
    static Map<String, String> routingKeys(PagingProperties properties, ServiceCatalog services) {
        Map<String, String> keys = new HashMap<>(properties.pagerduty().routingKeys());
        for (Service service : services.all()) {
            String reference = service.paging().routingKey();
            if (reference != null && keys.containsKey(reference)) {
                keys.put(service.name(), properties.pagerduty().routingKeys().get(reference));
            }
        }
        return keys;
    }

    private static Pager webhook(PagingProperties properties, OutboundPolicy policy, Clock clock) {
        try {
            return new WebhookPager(properties.webhook().url(), properties.webhook().secret(),
                    properties.webhook().template(), policy, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sitrep.paging.webhook: " + e.getMessage(), e);
        }
    }
}
