package dev.sitrep.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.sitrep.bot.DaemonThreads;
import dev.sitrep.bot.DrainingExecutor;
import dev.sitrep.bot.PlatformInbound;
import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.slack.ChatPoster;
import dev.sitrep.slack.KeptGsonMethods;
import dev.sitrep.slack.SlackCalls;
import dev.sitrep.slack.SlackChatPlatform;
import dev.sitrep.slack.SlackBlocksDialect;
import dev.sitrep.slack.SlackDialect;
import dev.sitrep.slack.SlackHandlers;
import dev.sitrep.templates.TemplateRenderer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Slack: Bolt's App at /slack/events (HTTP mode), or over Socket Mode when an app token is set. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackConfiguration {

    private static final String SLACK_EVENTS = "/slack/events";

    @Bean(destroyMethod = "close")
    Slack slack(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiUrl());
        // Slack's client would otherwise queue and pace calls itself; SlackCalls does that, visibly.
        config.getMethodsConfig().setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    @Bean
    App slackApp(Slack slack, SlackProperties properties) {
        // Bolt's own signature check is off: in HTTP mode SlackEventsServlet checks every request
        // first (stricter, and it is the only way in), and Socket Mode requests carry no signature.
        // Checking twice cost every acknowledgement a second HMAC (issue 15 §1).
        AppConfig.AppConfigBuilder config = AppConfig.builder().slack(slack).singleTeamBotToken(properties.botToken())
                .requestVerificationEnabled(false);
        if (SlackProperties.hasText(properties.signingSecret())) {
            config.signingSecret(properties.signingSecret());
        }
        return new App(config.build());
    }

    @Bean
    SlackCalls slackCalls(SlackProperties slackProperties) {
        return new SlackCalls(slackProperties.maxAttempts(), slackProperties.firstBackoff());
    }

    @Bean
    SlackHealthIndicator slackHealthIndicator(Slack slack, SlackProperties properties, SlackCalls calls,
                                              SlackSocketMode socketMode) {
        return new SlackHealthIndicator(KeptGsonMethods.of(slack, properties.botToken()), calls.breaker(), socketMode,
                Duration.ofMinutes(5));
    }

    @Bean
    SlackChatPlatform slackChatPlatform(Slack slack, SlackProperties slackProperties, SitrepProperties properties,
                                        TemplateRenderer markdownRenderer, SlackCalls calls) {
        var methods = KeptGsonMethods.of(slack, slackProperties.botToken());
        return new SlackChatPlatform(methods, new ChatPoster(methods, slackProperties.botToken(), slack.getConfig()), calls,
                new TemplateRenderer(new SlackDialect(), properties.templates().dir()),
                new TemplateRenderer(new SlackBlocksDialect(), properties.templates().dir()),
                markdownRenderer, slackProperties.broadcastChannel());
    }

    /** Acknowledged commands finish before Redis stops (the factory parameter orders the shutdown). */
    @Bean
    DrainingExecutor slackWork(SlackProperties properties, RedisConnectionFactory mustOutlive) {
        return new DrainingExecutor("slack", properties.workers(), Duration.ofSeconds(20));
    }

    @Bean
    PlatformInbound slackInbound(SlackProperties properties, IdempotencyKeys once, List<EngineObserver> observers,
                                 DrainingExecutor slackWork) {
        return new PlatformInbound("slack", properties.workers(), once, observers, slackWork);
    }

    /**
     * Hands slash commands (and the other requests, to keep their order) to the pipeline after their
     * acknowledgement, in arrival order, so the request thread only acknowledges (issue 15 §1). It
     * takes {@code slackWork} so that Spring stops it first: on shutdown what it was given still
     * reaches the pipeline while the work executor runs, so no acknowledged command is dropped unseen.
     */
    @Bean
    DrainingExecutor slackIntake(DrainingExecutor slackWork) {
        return new DrainingExecutor("slack-intake", DaemonThreads.inOrder("slack-intake"), Duration.ofSeconds(10));
    }

    @Bean
    SlackHandlers slackHandlers(App app, IncidentEngine engine, SlackChatPlatform platform,
                                PlatformInbound slackInbound, DrainingExecutor slackWork, DrainingExecutor slackIntake,
                                SlackProperties properties) {
        SlackHandlers handlers = new SlackHandlers(engine, platform, slackInbound.pipeline(), slackWork, slackIntake,
                properties.timelineEmoji());
        handlers.registerOn(app);
        return handlers;
    }

    /** Only in HTTP mode: in Socket Mode nothing may reach the handlers except over Slack's WebSocket. */
    @Bean
    @Conditional(SlackHttpMode.class)
    ServletRegistrationBean<SlackEventsServlet> slackEvents(App app, SlackProperties properties,
                                                            SlackHandlers registeredFirst) {
        return new ServletRegistrationBean<>(new SlackEventsServlet(app, properties.signingSecret()), SLACK_EVENTS);
    }

    /**
     * The same servlet answers a POST in the first filter, so no other filter runs for it
     * ({@link SlackEventsFirst}); the servlet's own mapping above answers anything else.
     */
    @Bean
    @Conditional(SlackHttpMode.class)
    FilterRegistrationBean<SlackEventsFirst> slackEventsFirst(ServletRegistrationBean<SlackEventsServlet> slackEvents,
                                                              ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<SlackEventsFirst> registration = new FilterRegistrationBean<>(
                new SlackEventsFirst(slackEvents.getServlet(), meters.getIfAvailable()));
        registration.addUrlPatterns(SLACK_EVENTS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Only in HTTP mode: requests to /slack/events before the bot reports ready (issue 15 §1). */
    @Bean
    @Conditional(SlackHttpMode.class)
    SlackWarmUp slackWarmUp(WebServerApplicationContext context, SlackProperties properties, App app,
                            SlackHandlers registeredFirst, IdempotencyKeys once, ObjectProvider<MeterRegistry> meters,
                            @Value("${sitrep.slack.warm-up-wait:5s}") Duration wait,
                            @Value("${sitrep.slack.warm-up-requests:" + SlackWarmUp.REQUESTS + "}") int requests) {
        SlackWarmUp.startBoltInBackground(app);
        return new SlackWarmUp(context, properties.signingSecret(), wait, requests, once, meters.getIfAvailable());
    }

    @Bean
    SlackSocketMode slackSocketMode(App app, SlackProperties properties, SlackHandlers registeredFirst) {
        return new SlackSocketMode(app, properties);
    }
}
