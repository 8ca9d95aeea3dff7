package dev.sitrep.bot.console;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.templates.ConsoleDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console chat, on unless {@code sitrep.console.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sitrep.console.enabled", havingValue = "true", matchIfMissing = true)
class ConsoleConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsoleIo consoleIo() {
        return ConsoleIo.system();
    }

    @Bean
    ConsoleWorkspace consoleWorkspace(SitrepProperties properties) {
        String me = properties.console().user() != null ? properties.console().user()
                : System.getProperty("user.name", "you").replaceAll("[^A-Za-z0-9._-]", "");
        return new ConsoleWorkspace(me.isEmpty() ? "you" : me, properties.console().members(),
                properties.broadcastChannel());
    }

    @Bean
    ConsoleChatPlatform consoleChatPlatform(ConsoleIo io, ConsoleWorkspace workspace, SitrepProperties properties,
                                            Clock clock) {
        return new ConsoleChatPlatform(io, workspace,
                new TemplateRenderer(new ConsoleDialect(properties.timezone(), clock), properties.templates().dir()),
                properties.broadcastChannel());
    }

    @Bean
    ConsoleChat consoleChat(ConsoleIo io, ConsoleWorkspace workspace, IncidentEngine engine, IncidentStore store) {
        return new ConsoleChat(io, workspace, engine, store);
    }
}
