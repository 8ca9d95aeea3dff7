package dev.sitrep.bot.discord;

import dev.sitrep.bot.DrainingExecutor;
import dev.sitrep.bot.PlatformInbound;
import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.discord.DiscordChatPlatform;
import dev.sitrep.discord.DiscordDialect;
import dev.sitrep.discord.DiscordGateway;
import dev.sitrep.discord.DiscordInteractions;
import dev.sitrep.discord.DiscordPins;
import dev.sitrep.discord.DiscordSettings;
import dev.sitrep.discord.ServiceAutocomplete;
import dev.sitrep.templates.TemplateRenderer;
import dev.sitrep.discord.DiscordRest;
import dev.sitrep.discord.RateLimitWatch;
import dev.sitrep.discord.ServerErrorRetry;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.redis.RedisLease;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Discord: JDA on the gateway with no privileged intents (interactions need none), on whichever
 * replica holds the gateway lease; every replica can post through Discord's REST API.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordConfigured.class)
class DiscordConfiguration {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final int RETRY_ATTEMPTS = 4;

    /** Reads the rate-limit headers JDA gets (JDA paces by them itself), to tell declarers their place. */
    @Bean
    RateLimitWatch discordRateLimits() {
        return new RateLimitWatch();
    }

    @Bean
    DiscordGateway discordGateway(DiscordProperties discord, SitrepProperties properties, StringRedisTemplate redis,
                                  RedisKeys keys, ObjectProvider<IncidentEngine> engine,
                                  ObjectProvider<DiscordChatPlatform> platform, PlatformInbound discordInbound,
                                  ServiceCatalog services, RateLimitWatch limits) {
        RedisLease lease = new RedisLease(redis, keys, "discord-gateway", replicaName());
        // The engine needs the platform, which needs the gateway: it is looked up when a connection is made.
        return new DiscordGateway(lease, discord.gatewayLease(), () -> connect(discord, limits,
                new CommandRegistrar(discord.guildId(), properties.roles()),
                new PermissionCheck(discord.guildId()),
                new DiscordInteractions(engine.getObject(), platform.getObject(), discordInbound.pipeline()),
                new DiscordPins(engine.getObject(), discordInbound.pipeline()),
                new ServiceAutocomplete(services)));
    }

    /** JDA on the gateway with sitrep's listeners (tests connect their own client the same way). */
    static JDA connect(DiscordProperties discord, Object... listeners) {
        return connect(discord, new RateLimitWatch(), listeners);
    }

    static JDA connect(DiscordProperties discord, RateLimitWatch limits, Object... listeners) {
        JDABuilder builder = JDABuilder.createLight(discord.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.apiUrl()))
                .setHttpClientBuilder(new OkHttpClient.Builder().addInterceptor(
                        new ServerErrorRetry(RETRY_ATTEMPTS, FIRST_BACKOFF)).addInterceptor(limits))
                .setEnableShutdownHook(false)
                // Pins arrive only as a raw CHANNEL_PINS_UPDATE; DiscordPins reads it.
                .setRawEventsEnabled(true)
                .addEventListeners(listeners);
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

    /** Who holds the lease, as operators see it in health and logs: the pod name in Kubernetes. */
    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Connects on whichever replica holds the lease, and hands the gateway over on a clean stop. */
    @Bean
    GatewayLoop discordGatewayLoop(DiscordGateway gateway) {
        return new GatewayLoop(gateway);
    }

    @Bean
    DiscordChatPlatform discordChatPlatform(DiscordGateway gateway, DiscordProperties discord,
                                            SitrepProperties properties, TemplateRenderer markdownRenderer,
                                            RateLimitWatch limits) {
        return new DiscordChatPlatform(gateway::connected, new DiscordRest(discord.apiUrl(), discord.token(),
                FIRST_BACKOFF), new DiscordSettings(discord.guildId(), discord.category(),
                discord.broadcastChannel(), discord.commanderRole(), discord.archiveCategory(), properties.roles()),
                new TemplateRenderer(new DiscordDialect(), properties.templates().dir()),
                markdownRenderer, limits);
    }

    /** Acknowledged interactions finish before Redis stops (the factory parameter orders the shutdown). */
    @Bean
    DrainingExecutor discordWork(DiscordProperties discord, RedisConnectionFactory mustOutlive) {
        return new DrainingExecutor("discord", discord.workers(), Duration.ofSeconds(20));
    }

    /** Interactions are taken in Redis on its key-check threads, never on JDA's single event thread. */
    @Bean
    PlatformInbound discordInbound(DiscordProperties discord, IdempotencyKeys once, List<EngineObserver> observers,
                                   DrainingExecutor discordWork) {
        return new PlatformInbound("discord", discord.workers(), once, observers, discordWork);
    }

    /** 1 on the replica holding the gateway: summed over replicas it must be 1 (the chart's alert watches it). */
    @Bean
    MeterBinder discordGatewayHeld(DiscordGateway gateway) {
        return registry -> Gauge.builder("sitrep.discord.gateway.held", gateway, g -> g.connected() != null ? 1 : 0)
                .description("1 while this replica holds a connected Discord gateway session").register(registry);
    }

    /** 429s Discord answered JDA (each waited out by JDA, none a failure): a burst shows here. */
    @Bean
    MeterBinder discordRateLimited(RateLimitWatch limits) {
        return registry -> io.micrometer.core.instrument.FunctionCounter.builder("sitrep.discord.rate.limited", limits,
                RateLimitWatch::rateLimitsMet).description("429s Discord answered the gateway replica's JDA").register(registry);
    }

    @Bean
    DiscordHealthIndicator discordHealthIndicator(DiscordGateway gateway, DiscordProperties discord) {
        return new DiscordHealthIndicator(gateway, discord.guildId());
    }
}
