package dev.sitrep.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepProperties;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.postmortem.DirectorySink;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The chart turns the directory sink off without a persistent volume, through an environment variable. */
class PostmortemSinksConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SitrepProperties.class)
    static class PropertiesOnly {
    }

    private final TemplateRenderer markdown = new TemplateRenderer(new MarkdownDialect(), null);

    @Test
    void theDirectorySinkIsOnByDefault() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class).run(context ->
                assertThat(sinks(context.getBean(SitrepProperties.class))).hasExactlyElementsOfTypes(DirectorySink.class));
    }

    @Test
    void theChartsEnvironmentVariableTurnsItOff() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("SITREP_POSTMORTEM_DIRECTORY_ENABLED", "false"))))
                .run(context -> assertThat(sinks(context.getBean(SitrepProperties.class))).isEmpty());
    }

    private List<PostmortemSink> sinks(SitrepProperties properties) {
        return new EngineConfiguration().postmortemSinks(properties, markdown);
    }
}
