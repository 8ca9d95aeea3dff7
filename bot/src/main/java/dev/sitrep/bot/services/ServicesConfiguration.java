package dev.sitrep.bot.services;

import dev.sitrep.bot.paging.PagingProperties;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.commands.service.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link ServiceCatalog} from {@code sitrep.services.*}. Every rule of {@link Service} is
 * checked here, at startup, and a failure names the key ({@code sitrep.services.checkout: runbook
 * must be an http(s) address …}); so is each routing-key reference, against the keys configured
 * (never showing a key).
 */
@Configuration(proxyBeanMethods = false)
class ServicesConfiguration {

    @Bean
    ServiceCatalog serviceCatalog(ServicesProperties properties, PagingProperties paging) {
        return catalog(properties, paging);
    }

    static ServiceCatalog catalog(ServicesProperties properties, PagingProperties paging) {
        List<Service> services = new ArrayList<>();
        properties.services().forEach((name, entry) -> {
            String at = "sitrep.services." + name;
            Service service;
            try {
                service = of(name, entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
            String reference = service.paging().routingKey();
            if (reference != null && !paging.pagerduty().routingKeys().containsKey(reference)) {
                throw new IllegalArgumentException(at + ".paging.routing-key names '" + reference + "', but there is no "
                        + "sitrep.paging.pagerduty.routing-keys." + reference + " (nor a file " + reference
                        + " in routing-keys-dir)");
            }
            boolean pagesItself = service.paging().threshold() != null || service.paging().onEscalation();
            if (pagesItself && reference == null && !paging.webhook().enabled()) {
                throw new IllegalArgumentException(at + ".paging pages on its own (threshold or on-escalation) but "
                        + "nothing can page it: set " + at + ".paging.routing-key or sitrep.paging.webhook.url");
            }
            services.add(service);
        });
        return ServiceCatalog.of(services);
    }

    private static Service of(String name, ServicesProperties.Entry entry) {
        Map<String, Service.Owners> owners = new java.util.TreeMap<>();
        if (entry.owners() != null) {
            entry.owners().forEach((platform, o) -> owners.put(platform, ownersOf(platform, o)));
        }
        List<Service.LabelMatcher> matchers = new ArrayList<>();
        List<String> written = entry.alerts().matchers() == null ? List.of() : entry.alerts().matchers();
        for (int i = 0; i < written.size(); i++) {
            try {
                matchers.add(Service.LabelMatcher.parse(written.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerts.matchers[" + i + "]: " + e.getMessage(), e);
            }
        }
        ServicesProperties.Paging p = entry.paging();
        Service.Paging paging;
        try {
            paging = new Service.Paging(p.routingKey(), p.threshold(), p.onEscalation());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("paging: " + e.getMessage(), e);
        }
        return new Service(name, entry.displayName(), owners, entry.runbook(), entry.checklist(),
                entry.defaultSeverity(), entry.broadcastChannel(), paging, matchers);
    }

    /** Slack user groups and Discord roles; the console has no groups. */
    private static final java.util.Set<String> PLATFORMS_WITH_GROUPS = java.util.Set.of("slack", "discord");

    private static Service.Owners ownersOf(String platform, ServicesProperties.Owners owners) {
        if (owners.group() != null && !owners.group().isBlank() && !PLATFORMS_WITH_GROUPS.contains(platform)) {
            throw new IllegalArgumentException("owners." + platform + ".group: " + platform + " has no groups (a group is"
                    + " a Slack user group or a Discord role); list its owners under members");
        }
        try {
            return new Service.Owners(owners.members(), owners.group());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("owners." + platform + ": " + e.getMessage(), e);
        }
    }
}
