package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.IncidentId;
import java.util.regex.Pattern;

/**
 * Which page: a service paged for an incident. {@link #dedupKey()} is derived from both and nothing
 * else (no time, no replica), so every attempt to page that service for that incident names the same
 * alert, and the pager deduplicates them.
 */
public record PageKey(IncidentId incident, String service) {

    /** What a service is called in configuration, so that it fits a dedup key (PagerDuty: ≤ 255 characters). */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public PageKey {
        if (incident == null || service == null || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("a service name is 1 to 100 letters, digits, '.', '_' or '-', was "
                    + service);
        }
    }

    /** {@code sitrep-INC-7-checkout}. */
    public String dedupKey() {
        return "sitrep-" + incident.label() + "-" + service;
    }
}
