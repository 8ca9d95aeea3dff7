package dev.sitrep.bot.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.status-page.*}: the public status page, Atom feed and JSON at {@code /status}; off by default.
 *
 * @param enabled    serve them (to everyone, without login)
 * @param title      the page's heading and the feed's title
 * @param components the names customers know (e.g. Checkout, Search); an active public incident whose
 *                   title names one marks it
 * @param resolved   how long a resolved incident stays on the page
 */
@ConfigurationProperties("sitrep.status-page")
public record StatusPageProperties(boolean enabled, @DefaultValue("Service status") String title,
                                   @DefaultValue List<String> components, @DefaultValue("7d") Duration resolved) {

    public StatusPageProperties {
        if (title.isBlank()) {
            throw new IllegalArgumentException("sitrep.status-page.title must not be blank");
        }
        if (resolved.isNegative()) {
            throw new IllegalArgumentException("sitrep.status-page.resolved must not be negative, was " + resolved);
        }
        components.forEach(c -> {
            if (c.isBlank()) {
                throw new IllegalArgumentException("sitrep.status-page.components must not hold a blank name");
            }
        });
    }
}
