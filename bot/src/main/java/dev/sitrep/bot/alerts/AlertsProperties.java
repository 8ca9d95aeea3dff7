package dev.sitrep.bot.alerts;

import dev.sitrep.commands.alert.AlertRule;
import dev.sitrep.commands.alert.AlertRules;
import dev.sitrep.commands.alert.LabelMatcher;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.alerts.*}: alert intake. On when a bearer {@code token} (or {@code token-file}, a
 * mounted Secret) is set; Alertmanager's {@code http_config.authorization.credentials} and Grafana's
 * "Authorization Header - Credentials" must send the same. The token is a credential: it never appears
 * in a message, {@link #toString()} or a startup error. {@code window}: how long an alert group stays
 * tied to its incident after its last notification. {@code rules}: in order, the first that matches wins.
 */
@ConfigurationProperties("sitrep.alerts")
public record AlertsProperties(@Nullable String token, @Nullable Path tokenFile, @DefaultValue("24h") Duration window,
                               @Nullable List<Rule> rules) {

    /** Shorter tokens are guessable; Alertmanager sends whatever it is given. */
    static final int MIN_TOKEN_LENGTH = 16;

    public AlertsProperties {
        rules = List.copyOf(rules == null ? List.of() : rules);
        String secret = secret(token, tokenFile);
        if (secret != null && secret.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("sitrep.alerts.token must be at least " + MIN_TOKEN_LENGTH
                    + " characters (it has " + secret.length() + ")");
        }
        rules(rules, window);
    }

    /**
     * One routing rule. {@code match}: label matchers as Alertmanager writes them
     * ({@code severity="critical"}, {@code team=~"db|cache"}), against the group's common labels;
     * {@code action}: declare, triage, attach or ignore; {@code severities}: label value → sev1…sev4
     * (the label is {@code severity-label}, default {@code severity}), else {@code severity}, else the
     * service's {@code default-severity}, else sev2;
     * {@code service}: a service name; {@code platform}: where a declared incident's channel opens;
     * {@code channel}: the triage channel's id on {@code platform}.
     */
    public record Rule(@Nullable String name, @Nullable List<String> match, @Nullable String action,
                       @Nullable String severityLabel, @Nullable Map<String, String> severities,
                       @Nullable String severity, @Nullable String service, @Nullable String platform,
                       @Nullable String channel) {
    }

    /** Whether alert intake is configured. */
    public boolean enabled() {
        return token() != null;
    }

    /** The bearer token, from the property or the file; null when neither is set. */
    public @Nullable String token() {
        return secret(token, tokenFile);
    }

    AlertRules routing() {
        return rules(rules, window);
    }

    private static AlertRules rules(List<Rule> rules, Duration window) {
        List<AlertRule> built = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String where = "sitrep.alerts.rules[" + i + "]";
            String name = r.name() == null || r.name().isBlank() ? "rule-" + (i + 1) : r.name();
            try {
                List<LabelMatcher> matchers = (r.match() == null ? List.<String>of() : r.match()).stream()
                        .map(LabelMatcher::parse).toList();
                if (r.action() == null) {
                    throw new IllegalArgumentException("action is missing (declare, triage, attach or ignore)");
                }
                AlertRule.Action action = AlertRule.Action.valueOf(r.action().trim().toUpperCase(Locale.ROOT));
                Map<String, Severity> severities = new LinkedHashMap<>();
                (r.severities() == null ? Map.<String, String>of() : r.severities())
                        .forEach((value, sev) -> severities.put(value, severity(sev)));
                String platform = r.platform() == null || r.platform().isBlank() ? null : r.platform();
                ChannelRef triage = null;
                if (r.channel() != null && !r.channel().isBlank()) {
                    if (platform == null) {
                        throw new IllegalArgumentException("a channel needs its platform (slack, discord or console)");
                    }
                    triage = new ChannelRef(platform, r.channel(), r.channel());
                }
                built.add(new AlertRule(name, matchers, action, r.severityLabel(), severities,
                        r.severity() == null || r.severity().isBlank() ? null : severity(r.severity()),
                        r.service(), platform, triage));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
            }
        }
        return new AlertRules(built, window);
    }

    private static Severity severity(String text) {
        return Severity.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is not a severity (sev1…sev4)"));
    }

    private static @Nullable String secret(@Nullable String token, @Nullable Path file) {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        if (file == null) {
            return null;
        }
        try {
            String read = Files.readString(file, StandardCharsets.UTF_8).strip();
            return read.isEmpty() ? null : read;
        } catch (IOException e) {
            throw new UncheckedIOException("sitrep.alerts.token-file " + file + " cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "AlertsProperties[token=" + (token() == null ? "unset" : "****") + ", window=" + window
                + ", rules=" + rules.size() + "]";
    }
}
