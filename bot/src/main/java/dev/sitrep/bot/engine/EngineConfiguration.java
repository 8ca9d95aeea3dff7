package dev.sitrep.bot.engine;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.commands.engine.EffectRetries;
import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.engine.ReminderKeeper;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.redis.StoreFailures;
import dev.sitrep.postmortem.ConfluenceSink;
import dev.sitrep.postmortem.DirectorySink;
import dev.sitrep.postmortem.GitHubSink;
import dev.sitrep.postmortem.Redactor;
import dev.sitrep.redis.RedisDueTimers;
import dev.sitrep.redis.RedisIdempotencyKeys;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Wires the engine to Redis, the chat platforms and the postmortem folder. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EngineSettings engineSettings(SitrepProperties properties) {
        Map<Severity, Duration> cadences = new EnumMap<>(Severity.class);
        put(cadences, Severity.SEV1, properties.severities().sev1());
        put(cadences, Severity.SEV2, properties.severities().sev2());
        put(cadences, Severity.SEV3, properties.severities().sev3());
        put(cadences, Severity.SEV4, properties.severities().sev4());
        return new EngineSettings(cadences, properties.reminders().escalateAfterMissed(), properties.channelPrefix(),
                new HashSet<>(properties.admins()), properties.roles(), properties.updateRoles(),
                properties.postmortem().dueAfter(),
                properties.postmortem().inChannel(),
                new EffectRetries(properties.outbox().attempts(), properties.outbox().firstRetry(),
                        properties.outbox().longestRetry()),
                properties.effectHold());
    }

    private static void put(Map<Severity, Duration> cadences, Severity severity, SitrepProperties.Level level) {
        if (level != null && level.updateEvery() != null) {
            cadences.put(severity, level.updateEvery());
        }
    }

    @Bean
    RedisKeys redisKeys() {
        return RedisKeys.defaults();
    }

    @Bean
    RedisIncidentStore incidentStore(StringRedisTemplate redis, RedisKeys keys) {
        return new RedisIncidentStore(redis, keys);
    }

    @Bean
    RedisDueTimers dueTimers(StringRedisTemplate redis, RedisKeys keys, SitrepProperties properties) {
        return new RedisDueTimers(redis, keys, properties.reminders().lease());
    }

    @Bean
    RedisIdempotencyKeys idempotencyKeys(StringRedisTemplate redis, RedisKeys keys) {
        return new RedisIdempotencyKeys(redis, keys);
    }

    /** Postmortems in Markdown, for every sink and every platform that shares them as a file. */
    @Bean
    TemplateRenderer markdownRenderer(SitrepProperties properties) {
        return new TemplateRenderer(new MarkdownDialect(), properties.templates().dir());
    }

    /** The folder unless turned off; GitHub and Confluence when configured. Each redacts secrets first. */
    @Bean
    List<PostmortemSink> postmortemSinks(SitrepProperties properties, TemplateRenderer markdown) {
        SitrepProperties.Postmortem p = properties.postmortem();
        List<String> patterns = new ArrayList<>(Redactor.DEFAULT_PATTERNS);
        patterns.addAll(p.redact());
        Redactor redactor = new Redactor(patterns);
        List<PostmortemSink> sinks = new ArrayList<>();
        if (p.directory().enabled()) {
            sinks.add(new DirectorySink(p.dir(), markdown, redactor));
        }
        if (p.github().enabled()) {
            sinks.add(new GitHubSink(new GitHubSink.Settings(p.github().apiUrl(), p.github().repository(), p.github().token(),
                    p.github().mode().equals("issue") ? GitHubSink.Mode.ISSUE : GitHubSink.Mode.PULL_REQUEST,
                    p.github().labels(), p.github().baseBranch(), p.github().folder(), p.github().fileActionItems(),
                    p.github().actionItemLabels()), markdown, redactor,
                    p.maxAttempts(), p.firstBackoff(), p.timeout()));
        }
        if (p.confluence().enabled()) {
            sinks.add(new ConfluenceSink(new ConfluenceSink.Settings(p.confluence().baseUrl(), p.confluence().space(),
                    p.confluence().parentId(), p.confluence().user(), p.confluence().token()), markdown, redactor,
                    p.maxAttempts(), p.firstBackoff(), p.timeout()));
        }
        return sinks;
    }

    @Bean
    Ports ports(RedisIncidentStore store, RedisDueTimers timers, RedisIdempotencyKeys keys,
                List<ChatPlatform> platforms, List<PostmortemSink> postmortemSinks, Clock clock,
                List<EngineObserver> observers, ServiceCatalog services, Pager pager) {
        return new Ports(StoreFailures.translated(IncidentStore.class, store),
                StoreFailures.translated(DueTimers.class, timers), StoreFailures.translated(IdempotencyKeys.class, keys),
                platforms, postmortemSinks, clock, EngineObserver.all(observers)).withServices(services, pager);
    }

    @Bean
    IncidentEngine incidentEngine(EngineSettings settings, Ports ports) {
        return new IncidentEngine(settings, ports);
    }

    @Bean(destroyMethod = "close")
    ReminderKeeper reminderKeeper(EngineSettings settings, Ports ports, SitrepProperties properties) {
        return new ReminderKeeper(settings, ports, 200, properties.reminders().parallelism());
    }

    @Bean
    ReminderLoop reminderLoop(ReminderKeeper keeper, SitrepProperties properties) {
        return new ReminderLoop(keeper, properties.reminders().pollInterval());
    }
}
