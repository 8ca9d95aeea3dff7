package dev.sitrep.bot;

import dev.sitrep.bot.console.ConsoleChat;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** sitrep: the incident bot. With no chat platform configured it runs a console chat on this terminal. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SitrepApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SitrepApplication.class);
        if (Boolean.getBoolean("sitrep.startup-profile")) {
            // Where the start's time goes, step by step, at /actuator/startup (README "Development").
            application.setApplicationStartup(new BufferingApplicationStartup(20_000));
        }
        ConfigurableApplicationContext context = application.run(args);
        ConsoleChat console = context.getBeanProvider(ConsoleChat.class).getIfAvailable();
        if (console != null) {
            // The console owns the main thread; end of input ends the bot.
            console.runUntilEndOfInput();
            System.exit(SpringApplication.exit(context));
        }
    }
}
