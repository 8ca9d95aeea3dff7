package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules an operator can tune: update cadence per severity, when reminders escalate, how
 * channels are named, who may override commanders (by platform id, {@code platform:id}), which
 * roles exist and which of them may post updates, change severity or status and snooze, and how
 * often a failed effect is tried again before it is given up, and how long a replica holds a side
 * effect's key while it carries the effect out ({@code effectHold}: a replica that dies holding it
 * delays that effect this long; it must be longer than one platform call takes, retries included, or
 * a slow call could be made twice).
 */
public record EngineSettings(
        Map<Severity, Duration> cadences,
        int escalateAfterMissed,
        String channelPrefix,
        Set<String> admins,
        List<String> roles,
        List<String> updateRoles,
        Duration postmortemDueAfter,
        boolean postmortemInChannel,
        EffectRetries effectRetries,
        Duration effectHold) {

    public static final List<String> DEFAULT_ROLES = List.of("commander", "comms", "scribe", "ops");
    public static final List<String> DEFAULT_UPDATE_ROLES = List.of("commander", "comms");
    public static final Duration DEFAULT_POSTMORTEM_DUE = Duration.ofDays(5);
    /** Longer than one platform call takes, retries included. */
    public static final Duration DEFAULT_EFFECT_HOLD = Duration.ofSeconds(20);

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
        admins = admins == null ? Set.of() : Set.copyOf(admins);
        admins.forEach(a -> {
            // A display name can be taken by anyone (a Discord nickname is one click away); an id cannot.
            if (!a.matches("[a-z]+:[^\\s:]+")) {
                throw new IllegalArgumentException("admins must be platform ids written platform:id, was '" + a + "'");
            }
        });
        roles = roles == null || roles.isEmpty() ? DEFAULT_ROLES
                : roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        if (!roles.contains("commander")) {
            throw new IllegalArgumentException("roles must include commander");
        }
        updateRoles = updateRoles == null || updateRoles.isEmpty() ? DEFAULT_UPDATE_ROLES
                : updateRoles.stream().map(r -> r.toLowerCase(Locale.ROOT)).distinct().toList();
        if (!updateRoles.contains("commander")) {
            throw new IllegalArgumentException("update-roles must include commander, was " + updateRoles);
        }
        for (String role : updateRoles) {
            if (!roles.contains(role)) {
                throw new IllegalArgumentException("update-roles names '" + role + "', which is not one of the roles "
                        + roles);
            }
        }
        if (postmortemDueAfter == null || postmortemDueAfter.isNegative() || postmortemDueAfter.isZero()) {
            throw new IllegalArgumentException("postmortem due-after must be positive, was " + postmortemDueAfter);
        }
        effectRetries = effectRetries == null ? EffectRetries.DEFAULTS : effectRetries;
        if (effectHold == null || effectHold.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("effect hold must be at least 1s, was " + effectHold);
        }
    }

    /** With the default {@link EffectRetries} and effect hold ({@link #DEFAULT_EFFECT_HOLD}). */
    public EngineSettings(Map<Severity, Duration> cadences, int escalateAfterMissed, String channelPrefix,
                          Set<String> admins, List<String> roles, List<String> updateRoles, Duration postmortemDueAfter,
                          boolean postmortemInChannel) {
        this(cadences, escalateAfterMissed, channelPrefix, admins, roles, updateRoles, postmortemDueAfter,
                postmortemInChannel, EffectRetries.DEFAULTS, DEFAULT_EFFECT_HOLD);
    }

    /** The same settings, retrying failed effects as {@code retries} says. */
    public EngineSettings withEffectRetries(EffectRetries retries) {
        return new EngineSettings(cadences, escalateAfterMissed, channelPrefix, admins, roles, updateRoles,
                postmortemDueAfter, postmortemInChannel, retries, effectHold);
    }

    /** These settings with another effect hold. */
    public EngineSettings withEffectHold(Duration hold) {
        return new EngineSettings(cadences, escalateAfterMissed, channelPrefix, admins, roles, updateRoles,
                postmortemDueAfter, postmortemInChannel, effectRetries, hold);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Map.of(), 2, "inc", Set.of(), DEFAULT_ROLES, DEFAULT_UPDATE_ROLES,
                DEFAULT_POSTMORTEM_DUE, true);
    }

    public static Map<Severity, Duration> defaultCadences() {
        return Map.of(Severity.SEV1, Duration.ofMinutes(15), Severity.SEV2, Duration.ofMinutes(30),
                Severity.SEV3, Duration.ofMinutes(60), Severity.SEV4, Duration.ofHours(4));
    }

    public Duration cadence(Severity severity) {
        return cadences.get(severity);
    }

    /** Matched on the member's platform and id only: names are chosen by members themselves. */
    public boolean isAdmin(Member member) {
        return admins.contains(member.platform() + ":" + member.id());
    }
}
