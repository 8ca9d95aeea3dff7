package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules an operator can tune: update cadence per severity, when reminders escalate, how
 * channels are named, who may override commanders, which roles exist.
 */
public record EngineSettings(
        Map<Severity, Duration> cadences,
        int escalateAfterMissed,
        String channelPrefix,
        Set<String> admins,
        List<String> roles,
        Duration postmortemDueAfter,
        boolean postmortemInChannel) {

    public static final List<String> DEFAULT_ROLES = List.of("commander", "comms", "scribe", "ops");
    public static final Duration DEFAULT_POSTMORTEM_DUE = Duration.ofDays(5);

    public EngineSettings {
        Objects.requireNonNull(cadences, "cadences");
        EnumMap<Severity, Duration> all = new EnumMap<>(Severity.class);
        all.putAll(defaultCadences());
        all.putAll(cadences);
        all.forEach((severity, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the update cadence of " + severity.word() + " must be positive");
            }
        });
        cadences = Map.copyOf(all);
        if (escalateAfterMissed < 1) {
            throw new IllegalArgumentException("escalate-after-missed must be at least 1, was " + escalateAfterMissed);
        }
        if (channelPrefix == null || !channelPrefix.matches("[a-z0-9][a-z0-9-]{0,20}")) {
            throw new IllegalArgumentException(
                    "channel-prefix must be 1-21 characters of a-z, 0-9 and '-', was '" + channelPrefix + "'");
        }
        admins = admins == null ? Set.of()
                : admins.stream().map(a -> a.toLowerCase(Locale.ROOT).replaceFirst("^@", ""))
                .collect(Collectors.toUnmodifiableSet());
        roles = roles == null || roles.isEmpty() ? DEFAULT_ROLES
                : roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        if (!roles.contains("commander")) {
            throw new IllegalArgumentException("roles must include commander");
        }
        if (postmortemDueAfter == null || postmortemDueAfter.isNegative() || postmortemDueAfter.isZero()) {
            throw new IllegalArgumentException("postmortem due-after must be positive, was " + postmortemDueAfter);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Map.of(), 2, "inc", Set.of(), DEFAULT_ROLES, DEFAULT_POSTMORTEM_DUE, true);
    }

    public static Map<Severity, Duration> defaultCadences() {
        return Map.of(Severity.SEV1, Duration.ofMinutes(15), Severity.SEV2, Duration.ofMinutes(30),
                Severity.SEV3, Duration.ofMinutes(60), Severity.SEV4, Duration.ofHours(4));
    }

    public Duration cadence(Severity severity) {
        return cadences.get(severity);
    }

    public boolean isAdmin(dev.sitrep.commands.incident.Member member) {
        return admins.contains(member.id().toLowerCase(Locale.ROOT))
                || admins.contains(member.displayName().toLowerCase(Locale.ROOT));
    }
}
