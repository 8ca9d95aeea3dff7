package dev.sitrep.bot;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Defaults that depend on what is configured: with no chat platform, the console chat runs and the
 * web server (the dashboard) listens on 127.0.0.1 only; with Slack or Discord, the web server serves
 * /slack/events (Slack HTTP mode), health probes, metrics and the dashboard. On a server operational lines (lease
 * taken, commands registered, retries ignored) are logged at INFO; the console chat shares its
 * terminal with the logs, so there only WARN and above. Explicit settings always win: these are
 * added with the lowest precedence.
 */
public class RuntimeDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean slack = StringUtils.hasText(environment.getProperty("sitrep.slack.bot-token"));
        boolean discord = StringUtils.hasText(environment.getProperty("sitrep.discord.token"));
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("sitrep.console.enabled", Boolean.toString(!slack && !discord));
        defaults.put("logging.level.root", slack || discord ? "info" : "warn");
        if (!slack && !discord) {
            // The console on a laptop: its web server (the dashboard, health) listens on this machine only.
            defaults.put("server.address", "127.0.0.1");
        }
        environment.getPropertySources().addLast(new MapPropertySource("sitrepRuntimeDefaults", defaults));
    }
}
