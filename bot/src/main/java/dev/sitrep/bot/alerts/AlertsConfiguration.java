package dev.sitrep.bot.alerts;

import dev.sitrep.commands.engine.AlertIntake;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.port.AlertGroups;
import dev.sitrep.redis.RedisAlertGroups;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.redis.StoreFailures;
import java.util.Objects;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Alert intake, when {@code sitrep.alerts.token} (or {@code token-file}) is set: Alertmanager's receiver
 * at {@value #ALERTMANAGER_PATH}, Grafana's at {@value #GRAFANA_PATH}, on the same web server as
 * {@code /slack/events} (in the console: on 127.0.0.1).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AlertsConfigured.class)
class AlertsConfiguration {

    static final String ALERTMANAGER_PATH = "/alerts/alertmanager";
    static final String GRAFANA_PATH = "/alerts/grafana";

    @Bean
    AlertIntake alertIntake(IncidentEngine engine, AlertsProperties properties, StringRedisTemplate redis, RedisKeys keys) {
        AlertGroups groups = StoreFailures.translated(AlertGroups.class, new RedisAlertGroups(redis, keys));
        return engine.alertIntake(properties.routing(), groups);
    }

    @Bean
    ServletRegistrationBean<AlertWebhookServlet> alertmanagerReceiver(AlertIntake intake, AlertsProperties properties) {
        return receiver(AlertPayloads.Format.ALERTMANAGER, intake, properties, ALERTMANAGER_PATH);
    }

    @Bean
    ServletRegistrationBean<AlertWebhookServlet> grafanaReceiver(AlertIntake intake, AlertsProperties properties) {
        return receiver(AlertPayloads.Format.GRAFANA, intake, properties, GRAFANA_PATH);
    }

    private static ServletRegistrationBean<AlertWebhookServlet> receiver(AlertPayloads.Format format, AlertIntake intake,
                                                                         AlertsProperties properties, String path) {
        String token = Objects.requireNonNull(properties.token(), "sitrep.alerts.token");
        ServletRegistrationBean<AlertWebhookServlet> bean =
                new ServletRegistrationBean<>(new AlertWebhookServlet(format, intake, token), path);
        bean.setName(AlertWebhookServlet.lower(format) + "Receiver");
        return bean;
    }
}
