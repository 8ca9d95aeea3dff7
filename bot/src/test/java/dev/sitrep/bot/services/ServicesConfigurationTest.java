package dev.sitrep.bot.services;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sitrep.bot.paging.PagingProperties;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageSeverity;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.commands.service.Service;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** sitrep.services.* bound into the catalog, every bad value stopping startup by its key. */
class ServicesConfigurationTest {

    private static final String CHECKOUT_KEY = "R0123456789abcdef0123456789abcde";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ServicesProperties.class, PagingProperties.class})
    @Import({ServicesConfiguration.class, dev.sitrep.bot.paging.PagingConfigurationAccess.class})
    static class ServicesOnly {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ServicesOnly.class)
            .withPropertyValues("sitrep.paging.pagerduty.routing-keys.payments-team=" + CHECKOUT_KEY);

    private static final List<String> CHECKOUT = List.of(
            "sitrep.services.checkout.display-name=Checkout",
            "sitrep.services.checkout.owners.slack.members[0]=U024BE7LH",
            "sitrep.services.checkout.owners.slack.group=S0614TZR7",
            "sitrep.services.checkout.owners.discord.members[0]=80351110224678912",
            "sitrep.services.checkout.runbook=https://runbooks.example/checkout",
            "sitrep.services.checkout.checklist[0]=Check the payment dashboards",
            "sitrep.services.checkout.checklist[1]=Roll back the last deploy",
            "sitrep.services.checkout.default-severity=sev2",
            "sitrep.services.checkout.broadcast-channel=#checkout-status",
            "sitrep.services.checkout.paging.routing-key=payments-team",
            "sitrep.services.checkout.paging.threshold=sev2",
            "sitrep.services.checkout.paging.on-escalation=true",
            "sitrep.services.checkout.alerts.matchers[0]=service=\"checkout\"",
            "sitrep.services.checkout.alerts.matchers[1]=severity=~\"critical|page\"",
            "sitrep.services.search.checklist[0]=Check the index");

    @Test
    void everySettingOfAServiceIsBound() {
        runner.withPropertyValues(CHECKOUT.toArray(String[]::new)).run(context -> {
            ServiceCatalog catalog = context.getBean(ServiceCatalog.class);
            assertThat(catalog.names()).containsExactlyInAnyOrder("checkout", "search");
            Service checkout = catalog.find("checkout").orElseThrow();
            assertThat(checkout.displayName()).isEqualTo("Checkout");
            assertThat(checkout.ownersOn("slack")).isEqualTo(new Service.Owners(List.of("U024BE7LH"), "S0614TZR7"));
            assertThat(checkout.ownersOn("discord").members()).containsExactly("80351110224678912");
            assertThat(checkout.runbook()).isEqualTo(URI.create("https://runbooks.example/checkout"));
            assertThat(checkout.checklist()).containsExactly("Check the payment dashboards", "Roll back the last deploy");
            assertThat(checkout.defaultSeverity()).isEqualTo(Severity.SEV2);
            assertThat(checkout.broadcastChannel()).isEqualTo("#checkout-status");
            assertThat(checkout.paging()).isEqualTo(new Service.Paging("payments-team", Severity.SEV2, true));
            assertThat(checkout.owns(Map.of("service", "checkout", "severity", "page"))).isTrue();
            assertThat(checkout.owns(Map.of("service", "checkout", "severity", "warning"))).isFalse();
            Service search = catalog.find("search").orElseThrow();
            assertThat(search.displayName()).isEqualTo("search");
            assertThat(search.defaultSeverity()).isEqualTo(Severity.SEV3);
            assertThat(search.paging()).isEqualTo(Service.Paging.NONE);
        });
    }

    @Test
    void aServiceIsPagedWithTheRoutingKeyItsReferenceNames() {
        WireMockServer pagerDuty = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pagerDuty.start();
        try {
            // PagerDuty's 202 (https://developer.pagerduty.com/docs/events-API-v2/overview); the contract
            // itself is enforced by FakePagerDuty in integrations/paging.
            pagerDuty.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"sitrep-INC-5-checkout\"}")));
            runner.withPropertyValues(CHECKOUT.toArray(String[]::new))
                    .withPropertyValues("sitrep.paging.pagerduty.api-url=" + pagerDuty.baseUrl()).run(context -> {
                        context.getBean(Pager.class).trigger(new PageRequest(new PageKey(new IncidentId(5), "checkout"),
                                "INC-5 Checkout errors", PageSeverity.ERROR, "sitrep INC-5", List.of()));
                        pagerDuty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                                .withRequestBody(matchingJsonPath("$.routing_key", matching(CHECKOUT_KEY)))
                                .withRequestBody(matchingJsonPath("$.dedup_key", matching("sitrep-INC-5-checkout"))));
                    });
        } finally {
            pagerDuty.stop();
        }
    }

    @Test
    void badConfigurationStopsStartupNamingTheKey() {
        assertStartupFails("sitrep.services.checkout.runbook=ftp://runbooks.example/x",
                "sitrep.services.checkout: runbook must be an http(s) address, was 'ftp://runbooks.example/x'");
        assertStartupFails("sitrep.services.Check_Out.checklist[0]=x", "sitrep.services.Check_Out: name must be");
        assertStartupFails("sitrep.services.checkout.checklist[0]= ", "sitrep.services.checkout: checklist[0] must be 1-200");
        assertStartupFails("sitrep.services.checkout.owners.slack.members[0]=@alice",
                "sitrep.services.checkout: owners.slack: owners are platform member ids");
        assertStartupFails("sitrep.services.checkout.alerts.matchers[0]=service",
                "sitrep.services.checkout: alerts.matchers[0]: 'service' is not a matcher");
        assertStartupFails("sitrep.services.checkout.alerts.matchers[0]=team=~\"(pay\"",
                "sitrep.services.checkout: alerts.matchers[0]: 'team=~\"(pay\"' has a bad regex");
        assertStartupFails("sitrep.services.checkout.paging.routing-key=nope",
                "sitrep.services.checkout.paging.routing-key names 'nope', but there is no sitrep.paging.pagerduty.routing-keys.nope");
        assertStartupFails("sitrep.services.checkout.paging.threshold=sev1",
                "sitrep.services.checkout.paging pages on its own (threshold or on-escalation) but nothing can page it");
        assertStartupFails("sitrep.services.checkout.default-severity=sev9", "sitrep.services.checkout.default-severity");
        assertStartupFails("sitrep.services.checkout.owners.console.group=oncall",
                "sitrep.services.checkout: owners.console.group: console has no groups");
    }

    private void assertStartupFails(String property, String named) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).as(property).contains(named).doesNotContain(CHECKOUT_KEY);
        });
    }
}
