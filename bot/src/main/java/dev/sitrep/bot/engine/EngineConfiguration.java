package dev.sitrep.bot.engine;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.bot.postmortem.DirectoryPostmortemSink;
import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.engine.RhythmKeeper;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.redis.RedisDueTimers;
import dev.sitrep.redis.RedisIdempotencyKeys;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
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
                new HashSet<>(properties.admins()), properties.roles());
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

    @Bean
    PostmortemSink postmortemSink(SitrepProperties properties) {
        return new DirectoryPostmortemSink(properties.postmortem().dir(),
                new TemplateRenderer(new MarkdownDialect(), properties.templates().dir()));
    }

    @Bean
    Ports ports(RedisIncidentStore store, RedisDueTimers timers, RedisIdempotencyKeys keys,
                List<ChatPlatform> platforms, PostmortemSink postmortems, Clock clock) {
        return new Ports(store, timers, keys, platforms, postmortems, clock);
    }

    @Bean
    IncidentEngine incidentEngine(EngineSettings settings, Ports ports) {
        return new IncidentEngine(settings, ports);
    }

    @Bean
    RhythmKeeper rhythmKeeper(EngineSettings settings, Ports ports) {
        return new RhythmKeeper(settings, ports, 100);
    }

    @Bean
    RhythmLoop rhythmLoop(RhythmKeeper keeper, SitrepProperties properties) {
        return new RhythmLoop(keeper, properties.reminders().pollInterval());
    }
}
