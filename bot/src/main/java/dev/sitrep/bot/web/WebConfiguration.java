package dev.sitrep.bot.web;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.bot.console.ConsoleIo;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IncidentChanges;
import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.redis.RedisIncidentChanges;
import dev.sitrep.redis.RedisIncidentHistory;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.web.DashboardConfiguration;
import dev.sitrep.web.DashboardSettings;
import dev.sitrep.web.StatusPageConfiguration;
import dev.sitrep.web.StatusPageSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.data.redis.autoconfigure.RedisMessageListenerContainerConfigurer;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import java.util.concurrent.ExecutorService;
import dev.sitrep.bot.DaemonThreads;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/** The dashboard (integrations/web) on Redis: recent incidents, and change notices over pub/sub. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({DashboardConfiguration.class, StatusPageConfiguration.class})
class WebConfiguration {

    @Bean
    IncidentHistory incidentHistory(StringRedisTemplate redis, RedisKeys keys, RedisIncidentStore store) {
        return new RedisIncidentHistory(redis, keys, store);
    }

    /**
     * The listener container Spring Boot would make (same settings), except that it does not start
     * with the context: {@link ChangeSubscription} starts it in the background; and that it hands
     * each notice to one thread of its own, in order. Its default starts a new thread per message —
     * one per command, competing with the acknowledgements for a few hundred microseconds of CPU
     * each (issue 15 §1) — to run a listener that usually returns at once (no dashboard open).
     */
    @Bean
    RedisMessageListenerContainer redisMessageListenerContainer(RedisMessageListenerContainerConfigurer configurer,
                                                                RedisConnectionFactory redis) {
        ExecutorService notices = DaemonThreads.inOrder("redis-change-notices");
        RedisMessageListenerContainer container = new RedisMessageListenerContainer() {
            @Override
            public void destroy() throws Exception {
                try {
                    super.destroy();
                } finally {
                    notices.shutdownNow();
                }
            }
        };
        configurer.configure(container, redis);
        container.setTaskExecutor(notices);
        container.setAutoStartup(false);
        return container;
    }

    @Bean
    ChangeSubscription redisChangesHealthIndicator(RedisMessageListenerContainer container) {
        return new ChangeSubscription(container);
    }

    @Bean
    IncidentChanges incidentChanges(StringRedisTemplate redis, RedisMessageListenerContainer container, RedisKeys keys) {
        return new RedisIncidentChanges(redis, container, keys);
    }

    @Bean
    EngineObserver changeNotices(IncidentChanges changes) {
        return new ChangeNotices(changes);
    }

    @Bean
    DashboardSettings dashboardSettings(SitrepProperties sitrep, WebProperties web,
                                        @Value("${sitrep.discord.guild-id:}") String discordGuild) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("slack", "https://slack.com/app_redirect?channel={id}");
        if (!discordGuild.isBlank()) {
            links.put("discord", "https://discord.com/channels/" + discordGuild + "/{id}");
        }
        return new DashboardSettings(new java.util.HashSet<>(sitrep.admins()), web.members(), web.localViewer(), web.recent(),
                sitrep.timezone(), links);
    }

    /** Read by the status page only when it is enabled ({@link StatusPageConfiguration}). */
    @Bean
    StatusPageSettings statusPageSettings(StatusPageProperties status) {
        return new StatusPageSettings(status.title(), status.components(), status.resolved());
    }

    @Bean
    DashboardUrl dashboardUrl(@Value("${sitrep.console.enabled:false}") boolean console,
                              ObjectProvider<ClientRegistrationRepository> registrations,
                              ObjectProvider<ConsoleIo> consoleIo) {
        ConsoleIo io = consoleIo.getIfAvailable();
        return new DashboardUrl(console, registrations.getIfAvailable() != null,
                io != null ? io::announce : System.out::println);
    }
}
