package dev.sitrep.bot.slack;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.slack.*}. Tokens come from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_APP_TOKEN
 * (see application.yml) and are never logged: {@link #toString()} leaves them out.
 */
@ConfigurationProperties("sitrep.slack")
public record SlackProperties(
        @Nullable String botToken,
        @Nullable String signingSecret,
        @Nullable String appToken,
        @DefaultValue("https://slack.com/api/") String apiUrl,
        @DefaultValue("incidents") String broadcastChannel,
        @DefaultValue("pushpin") String timelineEmoji,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("500ms") Duration firstBackoff,
        @DefaultValue("64") int workers) {

    public SlackProperties {
        if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sitrep.slack.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("sitrep.slack.workers must be at least 1, was " + workers);
        }
        // Without a secret Bolt would check signatures against a placeholder anyone can look up.
        if (hasText(botToken) && !hasText(appToken) && !hasText(signingSecret)) {
            throw new IllegalArgumentException("sitrep.slack.signing-secret (SLACK_SIGNING_SECRET) must be set when"
                    + " Slack talks to sitrep over HTTP (no sitrep.slack.app-token / SLACK_APP_TOKEN): copy it from"
                    + " your Slack app's Basic Information page, or set SLACK_APP_TOKEN to use Socket Mode");
        }
    }

    public boolean configured() {
        return hasText(botToken);
    }

    public boolean socketMode() {
        return configured() && hasText(appToken);
    }

    static boolean hasText(@Nullable String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[apiUrl=" + apiUrl + ", broadcastChannel=" + broadcastChannel + ", socketMode="
                + socketMode() + "]";
    }
}
