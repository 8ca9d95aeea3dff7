package dev.sitrep.bot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code sitrep.*}. Checks that need more than a type run in the constructors, so a
 * bad value stops startup with the property's name in the message.
 */
@ConfigurationProperties("sitrep")
public record SitrepProperties(
        @DefaultValue Severities severities,
        @DefaultValue Reminders reminders,
        @DefaultValue("inc") String channelPrefix,
        @DefaultValue("incidents") String broadcastChannel,
        @DefaultValue List<String> admins,
        @DefaultValue({"commander", "comms", "scribe", "ops"}) List<String> roles,
        @DefaultValue({"commander", "comms"}) List<String> updateRoles,
        @DefaultValue Templates templates,
        @DefaultValue Postmortem postmortem,
        @DefaultValue("UTC") ZoneId timezone,
        @DefaultValue Console console,
        @DefaultValue LocalRedis localRedis,
        @DefaultValue Outbox outbox,
        @DefaultValue("20s") Duration effectHold) {

    public SitrepProperties {
        if (!channelPrefix.matches("[a-z0-9][a-z0-9-]{0,20}")) {
            throw new IllegalArgumentException("sitrep.channel-prefix must be 1-21 characters of a-z, 0-9 and '-', was '"
                    + channelPrefix + "'");
        }
        if (broadcastChannel.isBlank()) {
            throw new IllegalArgumentException("sitrep.broadcast-channel must not be blank");
        }
        if (!roles.contains("commander")) {
            throw new IllegalArgumentException("sitrep.roles must include commander, was " + roles);
        }
        admins = AdminIds.qualified(admins);
        // How long a replica holds a post while making it: longer than one platform call, retries included.
        if (effectHold.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sitrep.effect-hold must be at least 1s, was " + effectHold);
        }
        if (!updateRoles.contains("commander")) {
            throw new IllegalArgumentException("sitrep.update-roles must include commander, was " + updateRoles);
        }
        for (String role : updateRoles) {
            if (!roles.contains(role)) {
                throw new IllegalArgumentException("sitrep.update-roles names '" + role + "', which is not one of "
                        + "sitrep.roles " + roles);
            }
        }
    }

    /** {@code sitrep.severities.sev1.update-every} … sev4; unset levels keep their defaults (15m/30m/60m/4h). */
    public record Severities(@DefaultValue Level sev1, @DefaultValue Level sev2, @DefaultValue Level sev3,
                             @DefaultValue Level sev4) {
    }

    public record Level(@Nullable Duration updateEvery) {
        public Level {
            if (updateEvery != null && (updateEvery.isNegative() || updateEvery.isZero())) {
                throw new IllegalArgumentException("sitrep.severities.*.update-every must be positive, was " + updateEvery);
            }
        }
    }

    public record Reminders(@DefaultValue("2") int escalateAfterMissed, @DefaultValue("1s") Duration pollInterval,
                            @DefaultValue("30s") Duration lease, @DefaultValue("16") int parallelism) {
        public Reminders {
            if (escalateAfterMissed < 1) {
                throw new IllegalArgumentException("sitrep.reminders.escalate-after-missed must be at least 1, was "
                        + escalateAfterMissed);
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("sitrep.reminders.poll-interval must be positive, was " + pollInterval);
            }
            if (parallelism < 1) {
                throw new IllegalArgumentException("sitrep.reminders.parallelism must be at least 1, was " + parallelism);
            }
            if (lease.compareTo(Duration.ofSeconds(5)) < 0) {
                throw new IllegalArgumentException("sitrep.reminders.lease must be at least 5s, was " + lease);
            }
        }
    }

    /**
     * {@code sitrep.outbox.*}: how a committed effect the platform refused (a post, topic, invite,
     * page…) is tried again — after {@code first-retry}, doubling up to {@code longest-retry} — and
     * after how many tries in all it is given up (told on the timeline and in the channel).
     */
    public record Outbox(@DefaultValue("8") int attempts, @DefaultValue("10s") Duration firstRetry,
                         @DefaultValue("10m") Duration longestRetry) {
        public Outbox {
            if (attempts < 1) {
                throw new IllegalArgumentException("sitrep.outbox.attempts must be at least 1, was " + attempts);
            }
            if (firstRetry.isNegative() || firstRetry.isZero()) {
                throw new IllegalArgumentException("sitrep.outbox.first-retry must be positive, was " + firstRetry);
            }
            if (longestRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("sitrep.outbox.longest-retry must be at least sitrep.outbox.first-retry ("
                        + firstRetry + "), was " + longestRetry);
            }
        }
    }

    /** {@code sitrep.postmortem.directory.enabled}: files in {@code sitrep.postmortem.dir} are lost with an ephemeral disk. */
    public record Directory(@DefaultValue("true") boolean enabled) {
    }

    /** {@code sitrep.templates.dir}: a folder of .ftl files that override the built-in ones. */
    public record Templates(@Nullable Path dir) {
    }

    /**
     * {@code sitrep.postmortem.*}: the folder (unless {@code directory.enabled=false}, as the chart sets
     * it without a persistent volume), GitHub and Confluence (when configured), the
     * redaction patterns added to the built-in ones, and when to start asking for the postmortem.
     */
    public record Postmortem(@DefaultValue("./.sitrep/postmortems") Path dir,
                             @DefaultValue Directory directory,
                             @DefaultValue("5d") Duration dueAfter,
                             @DefaultValue List<String> redact,
                             @DefaultValue GitHub github,
                             @DefaultValue Confluence confluence,
                             @DefaultValue("3") int maxAttempts,
                             @DefaultValue("1s") Duration firstBackoff,
                             @DefaultValue("10s") Duration timeout,
                             @DefaultValue("true") boolean inChannel) {
        public Postmortem {
            if (dueAfter.isNegative() || dueAfter.isZero()) {
                throw new IllegalArgumentException("sitrep.postmortem.due-after must be positive, was " + dueAfter);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("sitrep.postmortem.max-attempts must be at least 1, was " + maxAttempts);
            }
        }
    }

    /** On when both {@code repository} and the token (GITHUB_TOKEN) are set. */
    public record GitHub(@Nullable String repository, @Nullable String token,
                         @DefaultValue("https://api.github.com") String apiUrl,
                         @DefaultValue("issue") String mode,
                         @DefaultValue("postmortem") List<String> labels,
                         @Nullable String baseBranch,
                         @DefaultValue("postmortems") String folder,
                         @DefaultValue("true") boolean fileActionItems,
                         @DefaultValue("action-item") List<String> actionItemLabels) {
        public GitHub {
            if (!mode.equals("issue") && !mode.equals("pull-request")) {
                throw new IllegalArgumentException("sitrep.postmortem.github.mode must be issue or pull-request, was '"
                        + mode + "'");
            }
        }

        public boolean enabled() {
            return repository != null && !repository.isBlank() && token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return "GitHub[repository=" + repository + ", apiUrl=" + apiUrl + ", mode=" + mode + "]";
        }
    }

    /** On when base URL, space and the token (CONFLUENCE_TOKEN) are set. */
    public record Confluence(@Nullable String baseUrl, @Nullable String space, @Nullable String parentId,
                             @Nullable String user, @Nullable String token) {
        public boolean enabled() {
            return baseUrl != null && !baseUrl.isBlank() && space != null && !space.isBlank() && token != null
                    && !token.isBlank();
        }

        @Override
        public String toString() {
            return "Confluence[baseUrl=" + baseUrl + ", space=" + space + ", parentId=" + parentId + "]";
        }
    }

    /** The terminal chat used when no chat platform is configured. */
    public record Console(@DefaultValue("true") boolean enabled, @Nullable String user,
                          @DefaultValue({"alice", "bob", "carol", "dave"}) List<String> members,
                          @DefaultValue("./.sitrep/console-history") Path historyFile) {
    }

    /** The Redis started when {@code spring.data.redis.url} is not set. */
    public record LocalRedis(@DefaultValue("./.sitrep/redis") Path dataDir) {
    }
}
