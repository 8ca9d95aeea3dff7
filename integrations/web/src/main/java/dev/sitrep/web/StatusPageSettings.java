package dev.sitrep.web;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The public status page ({@code sitrep.status-page.*}).
 *
 * @param title      the page's heading and the feed's title
 * @param components what customers know by name; an active public incident whose title names one
 *                   (a whole word, any case) marks it
 * @param resolved   how long a resolved incident stays listed
 */
public record StatusPageSettings(String title, List<String> components, Duration resolved) {

    public StatusPageSettings {
        Objects.requireNonNull(title, "title");
        components = List.copyOf(components);
        if (resolved.isNegative()) {
            throw new IllegalArgumentException("sitrep.status-page.resolved must not be negative, was " + resolved);
        }
    }
}
