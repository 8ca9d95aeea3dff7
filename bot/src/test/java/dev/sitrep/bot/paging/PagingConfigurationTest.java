package dev.sitrep.bot.paging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageSeverity;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** sitrep.paging.* bound, checked at startup without showing a credential, and wired behind the Pager port. */
class PagingConfigurationTest {

    private static final String CHECKOUT_KEY = "R0123456789abcdef0123456789abcde";
    private static final String PAYMENTS_KEY = "Rfedcba9876543210fedcba987654321";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PagingProperties.class)
    @Import(PagingConfiguration.class)
    static class PagingOnly {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PagingOnly.class);
    private final WireMockServer remote = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @TempDir
    Path secretMount;

    @BeforeEach
    void start() {
        remote.start();
        // PagerDuty's 202 (https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty);
        // the contract itself is enforced by FakePagerDuty in integrations/paging.
        remote.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
        remote.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        remote.stop();
    }

    private static PageRequest page(String service) {
        return new PageRequest(new PageKey(new IncidentId(5), service), "INC-5 Checkout errors", PageSeverity.CRITICAL,
                "sitrep", List.of());
    }

    @Test
    void eachServiceIsPagedWithItsOwnRoutingKeyFromPropertiesOrAMountedSecretAndTheRestThroughTheWebhook()
            throws Exception {
        Files.writeString(secretMount.resolve("payments"), PAYMENTS_KEY + "\n");
        Files.createDirectory(secretMount.resolve("..2026_12_02_01_00_00.000000001"));
        runner.withPropertyValues("sitrep.paging.pagerduty.api-url=" + remote.baseUrl(),
                "sitrep.paging.pagerduty.routing-keys.checkout=" + CHECKOUT_KEY,
                "sitrep.paging.pagerduty.routing-keys-dir=" + secretMount,
                "sitrep.paging.webhook.url=" + remote.baseUrl() + "/hook",
                "sitrep.paging.webhook.secret=k7Qw9zR2mX4vB8nL1pT6sY3hJ5dF0aGc").run(context -> {
                    Pager pager = context.getBean(Pager.class);
                    pager.trigger(page("checkout"));
                    pager.trigger(page("payments"));
                    pager.trigger(page("search"));

                    remote.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                            .withRequestBody(matchingJsonPath("$.routing_key", matching(CHECKOUT_KEY)))
                            .withRequestBody(matchingJsonPath("$.dedup_key", matching("sitrep-INC-5-checkout"))));
                    remote.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                            .withRequestBody(matchingJsonPath("$.routing_key", matching(PAYMENTS_KEY))));
                    remote.verify(1, postRequestedFor(urlEqualTo("/hook"))
                            .withHeader("X-Sitrep-Signature", matching("v1=[0-9a-f]{64}"))
                            .withHeader("X-Sitrep-Timestamp", matching("\\d+"))
                            .withRequestBody(matchingJsonPath("$.service", matching("search"))));
                    assertThat(context.getBean(PagingProperties.class).toString())
                            .doesNotContain(CHECKOUT_KEY, PAYMENTS_KEY, "k7Qw9zR2").contains("checkout", "payments");
                });
    }

    @Test
    void withNoPagerConfiguredAPageIsRefusedNamingWhatToConfigure() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(Pager.class).trigger(page("checkout")))
                .isInstanceOf(PagingFailure.class).hasMessageContaining("no pager is configured for service checkout"));
    }

    @Test
    void badSettingsStopStartupNamingThePropertyButNeverTheKey() {
        String shortKey = "R0123456789abcdef0123456789abc";
        assertStartupFails(List.of("sitrep.paging.pagerduty.routing-keys.checkout=" + shortKey),
                "sitrep.paging.pagerduty.routing-keys.checkout must be the 32-character integration key", shortKey);
        assertStartupFails(List.of("sitrep.paging.webhook.url=http://127.0.0.1:9/hook"),
                "sitrep.paging.webhook.secret (SITREP_PAGING_WEBHOOK_SECRET) must be set", "");
        assertStartupFails(List.of("sitrep.paging.webhook.url=http://127.0.0.1:9/hook",
                "sitrep.paging.webhook.secret=tooshort"), "sitrep.paging.webhook.secret must be at least 16", "tooshort");
        assertStartupFails(List.of("sitrep.paging.webhook.url=http://127.0.0.1:9/hook",
                "sitrep.paging.webhook.secret=k7Qw9zR2mX4vB8nL1pT6sY3hJ5dF0aGc",
                "sitrep.paging.webhook.template={\"text\":\"{{title}}\"}"), "sitrep.paging.webhook: the webhook body template names {{title}}", "k7Qw9zR2");
    }

    private void assertStartupFails(List<String> properties, String named, String secret) {
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(named);
            if (!secret.isEmpty()) {
                assertThat(messages.toString()).doesNotContain(secret);
            }
        });
    }
}
