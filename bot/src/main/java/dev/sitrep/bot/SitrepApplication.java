package dev.sitrep.bot;

import dev.sitrep.bot.console.ConsoleChat;
import dev.sitrep.bot.console.DashboardAfterPrompt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * sitrep: the incident bot. With no chat platform configured it runs a console chat on this terminal.
 *
 * <p>Auto-configurations for what sitrep does not use are left out by name (issue 15 §2: each one is
 * parsed and its conditions evaluated on every start; Spring Data's repository scan alone took
 * 0.8 s): no Redis repositories or reactive Redis (sitrep uses {@code StringRedisTemplate}), no
 * Spring Data web support, no transactions or persistence exception translation, no aspects, no
 * {@code @Scheduled} tasks (background loops are {@link DaemonThreads}), no multipart uploads and no
 * Netty settings (Lettuce's Netty runs with its defaults), and no second, Jackson 2 object mapper for
 * the actuator's endpoints (Jackson 2 is on the class path for libraries only; the endpoints are
 * written by the Jackson 3 {@code EndpointJsonMapper} either way — the same bytes — and building the
 * Jackson 2 one took 0.4 s of the start).
 */
@SpringBootApplication(excludeName = {
    "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration",
    "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
    "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration",
    "org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
    "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
    "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
    "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
    "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
    "org.springframework.boot.netty.autoconfigure.NettyAutoConfiguration",
    "org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration",
    "org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration",
    "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
    "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration"})
@ConfigurationPropertiesScan
public class SitrepApplication {

    public static void main(String[] args) {
        SpringApplication application = application();
        if (Boolean.getBoolean("sitrep.startup-profile")) {
            // Where the start's time goes, step by step, at /actuator/startup (README "Development").
            application.setApplicationStartup(new BufferingApplicationStartup(20_000));
        }
        ConfigurableApplicationContext context = application.run(args);
        if (TrainingRun.requested(context) && context.getBeanProvider(ConsoleChat.class).getIfAvailable() == null) {
            // The start-up cache's training (the console trains on its own input instead): see TrainingRun.
            TrainingRun.exercise(context);
            System.exit(SpringApplication.exit(context));
        }
        ConsoleChat console = context.getBeanProvider(ConsoleChat.class).getIfAvailable();
        if (console != null) {
            // The console alone: its dashboard starts now, beside the prompt (DashboardAfterPrompt).
            if (context instanceof DashboardAfterPrompt web) {
                web.startWebInBackground();
            }
            // The console owns the main thread; end of input ends the bot.
            console.runUntilEndOfInput();
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The application as {@link #main} runs it: in the console alone, the web server comes after the prompt. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SitrepApplication.class);
        application.setApplicationContextFactory(DashboardAfterPrompt.factory());
        return application;
    }
}
