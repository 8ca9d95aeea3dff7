package dev.sitrep.bot.discord;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.bot.WorkerPools;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.discord.DiscordChatPlatform;
import dev.sitrep.discord.DiscordDialect;
import dev.sitrep.discord.DiscordInteractions;
import dev.sitrep.discord.DiscordPins;
import dev.sitrep.discord.DiscordSettings;
import dev.sitrep.templates.TemplateRenderer;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Discord: one JDA client on the gateway, with no privileged intents (interactions need none). */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordConfigured.class)
class DiscordConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    JDA jda(DiscordProperties discord, SitrepProperties properties) {
        JDABuilder builder = JDABuilder.createLight(discord.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.apiUrl()))
                .setEnableShutdownHook(false)
                // Pins arrive only as a raw CHANNEL_PINS_UPDATE; DiscordPins reads it.
                .setRawEventsEnabled(true)
                .addEventListeners(new CommandRegistrar(discord.guildId(), properties.roles()));
        if (discord.gatewayUrl() != null && !discord.gatewayUrl().isBlank()) {
            // Proxies and tests: a fixed gateway, uncompressed.
            String gateway = discord.gatewayUrl();
            builder.setCompression(Compression.NONE).setSessionController(new ConcurrentSessionController() {
                @Override
                public String getGateway() {
                    return gateway;
                }
            });
        }
        return builder.build();
    }

    @Bean
    DiscordChatPlatform discordChatPlatform(JDA jda, DiscordProperties discord, SitrepProperties properties,
                                            TemplateRenderer markdownRenderer) {
        return new DiscordChatPlatform(() -> jda, new DiscordSettings(discord.guildId(), discord.category(),
                discord.broadcastChannel(), discord.commanderRole(), discord.archiveCategory(), properties.roles()),
                new TemplateRenderer(new DiscordDialect(), properties.templates().dir()),
                markdownRenderer);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService discordWork(DiscordProperties discord) {
        return WorkerPools.bounded("discord", discord.workers());
    }

    @Bean
    DiscordInteractions discordInteractions(JDA jda, IncidentEngine engine, IdempotencyKeys once,
                                            ExecutorService discordWork) {
        DiscordInteractions interactions = new DiscordInteractions(engine, once, discordWork);
        jda.addEventListener(interactions, new DiscordPins(engine, once, discordWork));
        return interactions;
    }
}
