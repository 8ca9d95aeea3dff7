package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.ALICE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOB;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Triage on Discord through the real JDA client on the fake gateway and API: an Alertmanager
 * notification puts the alert group into the triage channel with *Declare incident* and *Dismiss* as
 * message components; the click (INTERACTION_CREATE type 3, deferred as DEFERRED_UPDATE_MESSAGE,
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type)
 * declares the group once with its alerts and the clicker as commander; a second click is told who did.
 */
class DiscordTriageButtonsTest {

    private static final String TOKEN = "triage-test-token-0123456789";
    private static final String CHANNEL = "690000000000000077";

    @Test
    void aDeclareClickMakesOneIncidentWithTheAlertsAndASecondClickIsToldWhoDeclaredIt() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.start();
        try (FakeDiscordApi discord = new FakeDiscordApi();
             ConfigurableApplicationContext bot = DiscordBot.start(discord, gateway, "sitrep-discord-triage",
                     "--sitrep.alerts.token=" + TOKEN,
                     "--sitrep.alerts.rules[0].name=look", "--sitrep.alerts.rules[0].action=triage",
                     "--sitrep.alerts.rules[0].platform=discord", "--sitrep.alerts.rules[0].channel=" + GENERAL)) {
            discord.channelCreated(CHANNEL, "[]");
            int port = Integer.parseInt(bot.getEnvironment().getProperty("local.server.port"));
            assertThat(notify(port).statusCode()).isEqualTo(200);
            DiscordIntegrationTest.await("the triage post", () -> discord.created(GENERAL).stream()
                    .anyMatch(b -> b.contains("sitrep:declare-alerts:")));
            String triage = discord.created(GENERAL).stream().filter(b -> b.contains("sitrep:declare-alerts:"))
                    .findFirst().orElseThrow();
            List<Object> buttons = DataObject.fromJson(triage).getArray("components").getObject(0)
                    .getArray("components").toList();
            assertThat(buttons).extracting(b -> ((Map<?, ?>) b).get("label").toString()).containsExactly("Declare incident", "Dismiss");
            String declare = ((Map<?, ?>) buttons.get(0)).get("custom_id").toString();
            IncidentId reserved = new IncidentId(Long.parseLong(declare.substring(declare.lastIndexOf(':') + 1)));
            String components = DataObject.fromJson(triage).getArray("components").toString();
            String triageId = "880000000000000077";

            String click = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(click, GENERAL, BOB, "bob", declare, triageId,
                    components));
            assertThat(DiscordIntegrationTest.answer(discord, click)).startsWith("Declared " + reserved + "; you are its commander.");
            DiscordIntegrationTest.await("the triage message edited",
                    () -> !discord.requests("PATCH", "webhooks/.*/tok-" + click + "/messages/@original").isEmpty());
            DataObject edit = DataObject.fromJson(discord.bodies("PATCH", "webhooks/.*/tok-" + click
                    + "/messages/@original").get(0));
            assertThat(edit.getString("content")).matches("Declared " + reserved + " by bob <t:\\d+:f>");
            assertThat(edit.getArray("components").length()).isZero();
            assertThat(discord.bodies("POST", "interactions/" + click + "/.*/callback")).singleElement().asString()
                    .contains("\"type\":6");
            DiscordIntegrationTest.await("the kick-off", () -> discord.created(CHANNEL).stream()
                    .anyMatch(b -> b.contains("sitrep:take-command:" + reserved.number())));
            String kickoff = discord.created(CHANNEL).stream().filter(b -> b.contains("sitrep:take-command:")).findFirst()
                    .orElseThrow();
            assertThat(kickoff).contains("<@" + BOB + ">").contains("Alerts (1)").contains("DiskFilling");
            Incident incident = bot.getBean(IncidentStore.class).find(reserved).orElseThrow();
            assertThat(incident.commander()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(BOB));
            assertThat(incident.alerts()).singleElement().satisfies(a -> assertThat(a.fingerprint()).isEqualTo("disk0"));

            String late = Interactions.snowflake();
            gateway.dispatch("INTERACTION_CREATE", Interactions.button(late, GENERAL, ALICE, "alice", declare, triageId,
                    components));
            assertThat(DiscordIntegrationTest.answer(discord, late))
                    .startsWith(reserved + " was already declared from this alert group by bob.");
            DiscordIntegrationTest.await("the late click's message edited",
                    () -> !discord.requests("PATCH", "webhooks/.*/tok-" + late + "/messages/@original").isEmpty());
            assertThat(DataObject.fromJson(discord.bodies("PATCH", "webhooks/.*/tok-" + late + "/messages/@original")
                    .get(0)).getString("content")).matches("Declared " + reserved + " by bob <t:\\d+:f>");
            assertThat(bot.getBean(IncidentStore.class).open()).hasSize(1);
            assertThat(discord.created(CHANNEL).stream().filter(b -> b.contains("sitrep:take-command:"))).hasSize(1);
            discord.assertEveryInteractionAnswered();
        } finally {
            gateway.stop(1000);
        }
    }

    private static HttpResponse<String> notify(int port) throws Exception {
        String body = """
                {"receiver":"sitrep","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"DiskFilling",
                 "severity":"warning","instance":"db-0"},"annotations":{"summary":"disk 91% full"},
                 "startsAt":"2026-12-01T09:58:00Z","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://prometheus.example/graph","fingerprint":"disk0"}],
                 "groupLabels":{"alertname":"DiskFilling"},"commonLabels":{"alertname":"DiskFilling","severity":"warning"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager.example:9093","version":"4",
                 "groupKey":"{}:{alertname=\\"DiskFilling\\"}","truncatedAlerts":0}
                """;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/alerts/alertmanager")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
