package dev.sitrep.commands.service;

import dev.sitrep.commands.incident.Severity;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A service incidents are about, as configured ({@code sitrep.services.<name>}): who owns it on each
 * platform, where its runbook is, the checklist every incident of it starts with, its default
 * severity, an optional broadcast channel, how its on-call is paged, and which alerts belong to it.
 * Each rule is checked here, so a bad configuration fails at startup naming the part that is wrong.
 */
public record Service(
        String name,
        String displayName,
        Map<String, Owners> owners,
        @Nullable URI runbook,
        List<String> checklist,
        Severity defaultSeverity,
        @Nullable String broadcastChannel,
        Paging paging,
        List<LabelMatcher> alertMatchers) {

    /** Fits a PagerDuty dedup key and a typed {@code service:<name>} word. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,59}");
    /** A step is shown in one line of the kick-off and the topic's progress. */
    public static final int LONGEST_STEP = 200;
    public static final int MOST_STEPS = 25;

    public Service {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-60 characters of a-z, 0-9, '.', '_' or '-' starting with "
                    + "a letter or digit, was '" + name + "'");
        }
        displayName = displayName == null || displayName.isBlank() ? name : displayName.strip();
        owners = Map.copyOf(owners == null ? Map.of() : owners);
        owners.keySet().forEach(platform -> {
            if (!platform.matches("[a-z]+")) {
                throw new IllegalArgumentException("owners are listed per platform (slack, discord, console), was '"
                        + platform + "'");
            }
        });
        if (runbook != null && (!runbook.isAbsolute() || !List.of("http", "https").contains(runbook.getScheme()))) {
            throw new IllegalArgumentException("runbook must be an http(s) address, was '" + runbook + "'");
        }
        checklist = List.copyOf(checklist == null ? List.of() : checklist).stream().map(String::strip).toList();
        if (checklist.size() > MOST_STEPS) {
            throw new IllegalArgumentException("checklist has " + checklist.size() + " steps; the most is " + MOST_STEPS);
        }
        for (int i = 0; i < checklist.size(); i++) {
            String step = checklist.get(i);
            if (step.isEmpty() || step.length() > LONGEST_STEP) {
                throw new IllegalArgumentException("checklist[" + i + "] must be 1-" + LONGEST_STEP + " characters, has "
                        + step.length());
            }
        }
        defaultSeverity = defaultSeverity == null ? Severity.SEV3 : defaultSeverity;
        broadcastChannel = broadcastChannel == null || broadcastChannel.isBlank() ? null : broadcastChannel.strip();
        paging = paging == null ? Paging.NONE : paging;
        alertMatchers = List.copyOf(alertMatchers == null ? List.of() : alertMatchers);
    }

    public Owners ownersOn(String platform) {
        return owners.getOrDefault(platform, Owners.NONE);
    }

    /** Who owns a service on one platform: members by platform id, and/or a group (Slack user group, Discord role). */
    public record Owners(List<String> members, @Nullable String group) {

        public static final Owners NONE = new Owners(List.of(), null);

        public Owners {
            members = List.copyOf(members == null ? List.of() : members).stream().map(String::strip).toList();
            members.forEach(id -> {
                if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw new IllegalArgumentException("owners are platform member ids (e.g. U024BE7LH, 80351110224678912),"
                            + " not names or mentions, was '" + id + "'");
                }
            });
            group = group == null || group.isBlank() ? null : group.strip();
            if (group != null && !group.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("owners group is a Slack user group id (S0614TZR7) or a Discord role"
                        + " id, was '" + group + "'");
            }
        }
    }

    /**
     * How the service's on-call is paged: through the PagerDuty routing key named {@code routingKey}
     * (a key of {@code sitrep.paging.pagerduty.routing-keys} or a file of the mounted Secret, never
     * the key itself), automatically when an incident is declared at {@code threshold} or worse, and
     * on escalation (missed updates) when {@code onEscalation}.
     */
    public record Paging(@Nullable String routingKey, @Nullable Severity threshold, boolean onEscalation) {

        public static final Paging NONE = new Paging(null, null, false);

        public Paging {
            routingKey = routingKey == null || routingKey.isBlank() ? null : routingKey.strip();
            if (routingKey != null && !routingKey.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("paging.routing-key names a routing key (like the service), it is not "
                        + "the key itself");
            }
        }

        /** Whether an incident of this severity pages on its own. */
        public boolean pagesAt(Severity severity) {
            return threshold != null && severity.compareTo(threshold) <= 0;
        }
    }

    /**
     * One label rule for alerts, as Alertmanager writes matchers: {@code label=value}, {@code label!=value},
     * {@code label=~regex}, {@code label!~regex} (regexes anchored, as in Alertmanager).
     */
    public record LabelMatcher(String label, Op op, String value) {

        public enum Op {
            EQUAL("="), NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~");

            private final String symbol;

            Op(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }
        }

        private static final Pattern WRITTEN = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

        public LabelMatcher {
            Objects.requireNonNull(op, "op");
            if (label == null || !label.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("a matcher's label must be a Prometheus label name, was '" + label + "'");
            }
            value = value == null ? "" : value;
            if (op == Op.MATCHES || op == Op.NOT_MATCHES) {
                Pattern.compile(value);
            }
        }

        /** {@code severity="critical"}, {@code team=~"pay.*"}; the value may be quoted. */
        public static LabelMatcher parse(String written) {
            var m = WRITTEN.matcher(written == null ? "" : written);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + written + "' is not a matcher; write label=value, label!=value,"
                        + " label=~regex or label!~regex");
            }
            String value = m.group(3);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            Op op = switch (m.group(2)) {
                case "=" -> Op.EQUAL;
                case "!=" -> Op.NOT_EQUAL;
                case "=~" -> Op.MATCHES;
                default -> Op.NOT_MATCHES;
            };
            try {
                return new LabelMatcher(m.group(1), op, value);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + written + "' has a bad regex: " + e.getDescription(), e);
            }
        }

        /** A missing label counts as the empty value, as in Alertmanager. */
        public boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case EQUAL -> actual.equals(value);
                case NOT_EQUAL -> !actual.equals(value);
                case MATCHES -> actual.matches(value);
                case NOT_MATCHES -> !actual.matches(value);
            };
        }

        @Override
        public String toString() {
            return label + op.symbol() + "\"" + value + "\"";
        }
    }

    /** Whether an alert with these labels belongs to this service: every matcher holds (and there is one). */
    public boolean owns(Map<String, String> labels) {
        return !alertMatchers.isEmpty() && alertMatchers.stream().allMatch(m -> m.matches(labels));
    }
}
