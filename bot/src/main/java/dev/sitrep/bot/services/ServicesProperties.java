package dev.sitrep.bot.services;

import dev.sitrep.commands.incident.Severity;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.services.<name>.*}: the services incidents are about, as configuration (values of
 * the chart, or a mounted ConfigMap). Checked at startup by {@link ServicesConfiguration}, which names
 * the key that is wrong.
 */
@ConfigurationProperties("sitrep")
public record ServicesProperties(@Nullable Map<String, Entry> services) {

    public ServicesProperties {
        services = services == null ? Map.of() : services;
    }

    /** One service; only the name (the key) is required. */
    public record Entry(@Nullable String displayName, @Nullable Map<String, Owners> owners, @Nullable URI runbook,
                        @Nullable List<String> checklist, @DefaultValue("sev3") Severity defaultSeverity,
                        @Nullable String broadcastChannel, @DefaultValue Paging paging, @DefaultValue Alerts alerts) {
    }

    /** Per platform ({@code slack}, {@code discord}, {@code console}): member ids and/or a group (user group id, role id). */
    public record Owners(@Nullable List<String> members, @Nullable String group) {
    }

    /**
     * {@code routing-key}: the name of a key under {@code sitrep.paging.pagerduty.routing-keys} (or a
     * file of {@code routing-keys-dir}), never the key itself; {@code threshold}: page on its own when
     * declared at this severity or worse; {@code on-escalation}: page when updates are overdue.
     */
    public record Paging(@Nullable String routingKey, @Nullable Severity threshold,
                         @DefaultValue("false") boolean onEscalation) {
    }

    /** Alertmanager-style label matchers ({@code service="checkout"}, {@code team=~"pay.*"}), used by alert intake. */
    public record Alerts(@Nullable List<String> matchers) {
    }
}
