package dev.sitrep.web;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What customers may know, and nothing else: only incidents that are not private and have at least one
 * update marked {@code public: yes}; of those, the title, a customer-facing level from the severity,
 * the status, start and resolution times, and the {@code impact:} text of the public updates. Never a
 * name, an internal field, a note, a channel or the timeline. Incidents are keyed by their declaration
 * time, not their number, since the number would tell how many incidents (private ones too) there were.
 * The page, the Atom feed and the JSON endpoint all show this record (public: JSON and templates read it).
 */
public record PublicStatus(String title, String level, String summary, List<Component> components,
                           List<PublicIncident> active, List<PublicIncident> resolved, Instant asOf) {

    /** Statuspage's component levels, best first; what a customer reads for each. */
    public enum Level {
        OPERATIONAL("operational", "All systems operational"),
        DEGRADED_PERFORMANCE("degraded performance", "Degraded performance"),
        PARTIAL_OUTAGE("partial outage", "Partial outage"),
        MAJOR_OUTAGE("major outage", "Major outage");

        private final String words;
        private final String summary;

        Level(String words, String summary) {
            this.words = words;
            this.summary = summary;
        }

        public String words() {
            return words;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Level of(Severity severity) {
            return switch (severity) {
                case SEV1 -> MAJOR_OUTAGE;
                case SEV2 -> PARTIAL_OUTAGE;
                case SEV3, SEV4 -> DEGRADED_PERFORMANCE;
            };
        }
    }

    public record Component(String name, String level, String status) {
    }

    /** One incident as customers see it; {@code resolvedAt} and {@code lasted} only once resolved. */
    public record PublicIncident(String key, String title, String level, String status, Instant startedAt,
                                 @Nullable Instant resolvedAt, @Nullable String lasted, List<PublicUpdate> updates) {
    }

    /** A public update: when, and its impact text. */
    public record PublicUpdate(Instant at, String impact) {
    }

    /** The status now, from the open incidents and those resolved within {@code settings.resolved()}. */
    static PublicStatus of(Collection<Incident> incidents, StatusPageSettings settings, Instant now) {
        List<Incident> shown = incidents.stream().filter(PublicStatus::isPublic).toList();
        List<Incident> open = shown.stream().filter(Incident::isOpen)
                .sorted(Comparator.comparing(Incident::severity).thenComparing(Incident::declaredAt)).toList();
        List<PublicIncident> resolved = shown.stream()
                .filter(i -> !i.isOpen() && i.resolvedAt() != null && !i.resolvedAt().isBefore(now.minus(settings.resolved())))
                .sorted(Comparator.comparing(Incident::resolvedAt).reversed()).map(PublicStatus::shown).toList();
        Level worst = open.stream().map(i -> Level.of(i.severity())).max(Comparator.naturalOrder())
                .orElse(Level.OPERATIONAL);
        List<Component> components = settings.components().stream().map(name -> {
            Level level = open.stream().filter(i -> names(i.title(), name)).map(i -> Level.of(i.severity()))
                    .max(Comparator.naturalOrder()).orElse(Level.OPERATIONAL);
            return new Component(name, level.key(), level.words());
        }).toList();
        return new PublicStatus(settings.title(), worst.key(), worst.summary, components,
                open.stream().map(PublicStatus::shown).toList(), resolved, now);
    }

    /** Not private, and someone chose to publish at least one of its updates. */
    static boolean isPublic(Incident incident) {
        return !incident.privateIncident() && incident.updates().stream().anyMatch(StatusUpdate::publicUpdate);
    }

    private static PublicIncident shown(Incident incident) {
        List<PublicUpdate> updates = incident.updates().stream()
                .filter(u -> u.publicUpdate() && u.impact() != null && !u.impact().isBlank())
                .sorted(Comparator.comparing(StatusUpdate::at).reversed())
                .map(u -> new PublicUpdate(u.at(), u.impact())).toList();
        Instant resolvedAt = incident.isOpen() ? null : incident.resolvedAt();
        return new PublicIncident("incident-" + incident.declaredAt().toEpochMilli(), incident.title(),
                Level.of(incident.severity()).key(), incident.status().word(), incident.declaredAt(), resolvedAt,
                resolvedAt == null ? null : DurationText.format(Duration.between(incident.declaredAt(), resolvedAt)),
                updates);
    }

    private static boolean names(String title, String component) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(component) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(title).find();
    }
}
