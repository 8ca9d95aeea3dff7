package dev.sitrep.bot.paging;

import dev.sitrep.commands.port.Pager;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.paging.PagerDutyPager;
import dev.sitrep.paging.PagerRouter;
import dev.sitrep.paging.WebhookPager;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link Pager}: a service with a PagerDuty routing key is paged there, any other through the
 * webhook when one is configured; with neither, a page fails naming what to configure.
 */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration {

    @Bean
    Pager pager(PagingProperties properties, Clock clock) {
        OutboundPolicy policy = OutboundPolicy.of(properties.maxAttempts(), properties.firstBackoff(), properties.timeout());
        PagerDutyPager pagerDuty = new PagerDutyPager(properties.pagerduty().apiUrl(),
                properties.pagerduty().routingKeys(), policy);
        Optional<Pager> webhook = properties.webhook().enabled() ? Optional.of(webhook(properties, policy, clock))
                : Optional.empty();
        return new PagerRouter(service -> pagerDuty.serves(service) ? Optional.of(pagerDuty) : webhook);
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
