package dev.sitrep.bot.console;

import dev.sitrep.bot.DrainingExecutor;
import dev.sitrep.bot.PlatformInbound;
import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.inbound.InboundPipeline;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.templates.ConsoleDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The console chat, on unless {@code sitrep.console.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sitrep.console.enabled", havingValue = "true", matchIfMissing = true)
class ConsoleConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsoleIo consoleIo(SitrepProperties properties) {
        return ConsoleIo.system(properties.console().historyFile());
    }

    @Bean
    ConsoleWorkspace consoleWorkspace(SitrepProperties properties) {
        String me = properties.console().user() != null ? properties.console().user()
                : System.getProperty("user.name", "you").replaceAll("[^A-Za-z0-9._-]", "");
        return new ConsoleWorkspace(me.isEmpty() ? "you" : me, properties.console().members(),
                properties.broadcastChannel());
    }

    @Bean
    ConsoleChoices consoleChoices() {
        return new ConsoleChoices();
    }

    @Bean
    ConsoleChatPlatform consoleChatPlatform(ConsoleIo io, ConsoleWorkspace workspace, SitrepProperties properties,
                                            Clock clock, ConsoleChoices choices) {
        return new ConsoleChatPlatform(io, workspace,
                new TemplateRenderer(new ConsoleDialect(properties.timezone(), clock), properties.templates().dir()),
                properties.broadcastChannel(), choices);
    }

    /** One person typing: one thread is plenty, and the prompt waits for it anyway. */
    @Bean
    DrainingExecutor consoleWork(RedisConnectionFactory mustOutlive) {
        return new DrainingExecutor("console", 1, Duration.ofSeconds(20));
    }

    @Bean
    PlatformInbound consoleInbound(IdempotencyKeys once, List<EngineObserver> observers, DrainingExecutor consoleWork) {
        // No platform times the console's answer: it waits for a slow store rather than refuse the line.
        return new PlatformInbound("console", 1, once, observers, consoleWork, InboundPipeline.TAKE_WITHIN_NO_DEADLINE);
    }

    @Bean
    ConsoleChat consoleChat(ConsoleIo io, ConsoleWorkspace workspace, IncidentEngine engine, IncidentStore store,
                            PlatformInbound consoleInbound, SitrepProperties properties, ConsoleChoices choices,
                            ConsoleChatPlatform platform, ObjectProvider<ServiceCatalog> services) {
        return new ConsoleChat(io, workspace, engine, store, consoleInbound.pipeline(), properties.roles(), choices,
                platform, services.getIfAvailable(() -> ServiceCatalog.NONE).names());
    }
}
