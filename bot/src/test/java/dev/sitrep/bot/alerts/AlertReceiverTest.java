package dev.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.console.ConsoleChat;
import dev.sitrep.bot.console.ConsoleIo;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole bot in console mode (local redis-server) with alert intake on: real HTTP requests to its
 * receivers. Wrong or missing tokens and bodies that are not a notification are refused before
 * anything is stored; a notification declares once and its repeat changes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertReceiverTest {

    static final String TOKEN = "receiver-test-token-0123456789";

    @TempDir
    static Path home;
    private static ConfigurableApplicationContext context;
    private static final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ConsoleIo io = new ConsoleIo(new StringReader(""), new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        context = new SpringApplicationBuilder(SitrepApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("consoleIo", io))
                .run("--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                        "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--sitrep.console.user=alice",
                        "--server.port=0", "--logging.level.dev.sitrep=info",
                        "--sitrep.alerts.token=" + TOKEN,
                        "--sitrep.alerts.rules[0].name=quiet", "--sitrep.alerts.rules[0].match[0]=severity=\"info\"",
                        "--sitrep.alerts.rules[0].action=ignore",
                        "--sitrep.alerts.rules[1].name=page", "--sitrep.alerts.rules[1].action=declare",
                        "--sitrep.alerts.rules[1].severities.critical=sev1", "--sitrep.alerts.rules[1].service=checkout");
        context.getBean(ConsoleChat.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static String payload(String version, String groupKey, String status) {
        return """
                {"receiver":"sitrep","status":"%s","alerts":[{"status":"%s","labels":{"alertname":"CheckoutDown",
                "severity":"critical","service":"checkout","instance":"web-1"},"annotations":{"summary":"Checkout answers 502",
                "runbook_url":"https://runbooks.example/checkout"},"startsAt":"2026-12-01T09:58:00.123+01:00",
                "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example/graph?g0.expr=up","fingerprint":"c0ffee01"}],
                "groupLabels":{"alertname":"CheckoutDown"},"commonLabels":{"alertname":"CheckoutDown","severity":"critical",
                "service":"checkout","instance":"web-1"},"commonAnnotations":{"summary":"Checkout answers 502"},
                "externalURL":"http://alertmanager.example:9093","version":"%s","groupKey":"%s","truncatedAlerts":0%s}
                """.formatted(status, status, version, groupKey.replace("\"", "\\\""), version.equals("1") ? ",\"orgId\":1" : "");
    }

    private static HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + context.getEnvironment().getProperty("local.server.port") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Incident> open() {
        return context.getBean(IncidentStore.class).open();
    }

    @Test
    @Order(1)
    void withoutTheRightTokenNothingIsTaken(CapturedOutput output) throws Exception {
        String body = payload("4", "{}:{alertname=\"CheckoutDown\"}", "firing");
        HttpResponse<String> none = post(AlertsConfiguration.ALERTMANAGER_PATH, null, body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sitrep\"");
        assertThat(post(AlertsConfiguration.ALERTMANAGER_PATH, "Bearer wrong-token-0123456789", body).statusCode())
                .isEqualTo(401);
        assertThat(post(AlertsConfiguration.ALERTMANAGER_PATH, "Basic " + TOKEN, body).statusCode()).isEqualTo(401);
        assertThat(post(AlertsConfiguration.GRAFANA_PATH, null, payload("1", "g", "firing")).statusCode()).isEqualTo(401);
        assertThat(open()).isEmpty();
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    @Order(2)
    void aBodyThatIsNotANotificationIsRefusedWithItsReason() throws Exception {
        String auth = "Bearer " + TOKEN;
        HttpResponse<String> notJson = post(AlertsConfiguration.ALERTMANAGER_PATH, auth, "alert!");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");
        HttpResponse<String> oldVersion = post(AlertsConfiguration.ALERTMANAGER_PATH, auth, payload("3", "g", "firing"));
        assertThat(oldVersion.statusCode()).isEqualTo(400);
        assertThat(oldVersion.body()).contains("\\\"version\\\" must be \\\"4\\\", was \\\"3\\\"");
        HttpResponse<String> grafanaAtAlertmanager = post(AlertsConfiguration.ALERTMANAGER_PATH, auth,
                payload("1", "g", "firing"));
        assertThat(grafanaAtAlertmanager.statusCode()).isEqualTo(400);
        HttpResponse<String> badStatus = post(AlertsConfiguration.ALERTMANAGER_PATH, auth,
                payload("4", "g", "firing").replace("\"status\":\"firing\",\"labels\"", "\"status\":\"burning\",\"labels\""));
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("alerts[0].status must be");
        HttpResponse<String> noKey = post(AlertsConfiguration.ALERTMANAGER_PATH, auth,
                payload("4", "", "firing"));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("groupKey");
        assertThat(open()).isEmpty();
    }

    @Test
    @Order(3)
    void aNotificationDeclaresOnceAndItsRepeatChangesNothing(CapturedOutput output) throws Exception {
        String auth = "Bearer " + TOKEN;
        String body = payload("4", "{}:{alertname=\"CheckoutDown\"}", "firing");
        HttpResponse<String> first = post(AlertsConfiguration.ALERTMANAGER_PATH, auth, body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("declared INC-1 (rule page)");
        assertThat(post(AlertsConfiguration.ALERTMANAGER_PATH, auth, body).body()).contains("updated INC-1");

        assertThat(open()).singleElement().satisfies(incident -> {
            assertThat(incident.severity().word()).isEqualTo("sev1");
            assertThat(incident.title()).isEqualTo("Checkout answers 502");
            assertThat(incident.alerts()).singleElement().satisfies(a -> {
                assertThat(a.service()).isEqualTo("checkout");
                assertThat(a.startsAt()).hasToString("2026-12-01T08:58:00.123Z");
            });
        });
        assertThat(screen.toString(StandardCharsets.UTF_8)).as("the kick-off lists the alert")
                .contains("CheckoutDown {instance=web-1, service=checkout, severity=critical}: Checkout answers 502");

        HttpResponse<String> resolved = post(AlertsConfiguration.ALERTMANAGER_PATH, auth,
                payload("4", "{}:{alertname=\"CheckoutDown\"}", "resolved"));
        assertThat(resolved.body()).contains("updated INC-1");
        Incident incident = open().get(0);
        assertThat(context.getBean(IncidentStore.class).timeline(incident.id())).extracting(TimelineEntry::text)
                .filteredOn(t -> t.startsWith("Resolved: CheckoutDown")).hasSize(1);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("All alerts of INC-1 resolved — resolve?");

        HttpResponse<String> grafana = post(AlertsConfiguration.GRAFANA_PATH, auth,
                payload("1", "{}/{__grafana_autogenerated__=\"true\"}:{alertname=\"CheckoutDown\"}", "firing"));
        assertThat(grafana.statusCode()).as(grafana.body()).isEqualTo(200);
        assertThat(grafana.body()).contains("declared INC-2");
        assertThat(open().get(1).alerts().get(0).group()).isNotEqualTo(incident.alerts().get(0).group());
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }
}
