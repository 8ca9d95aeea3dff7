package dev.sitrep.bot.slack;

import static dev.sitrep.bot.slack.FakeSlackApi.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Triage on Slack end to end: an Alertmanager notification (webhook payload version 4,
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config) to the real bot puts the
 * alert group into the triage channel with *Declare incident* and *Dismiss*; signed {@code block_actions}
 * payloads (https://api.slack.com/reference/interaction-payloads/block-actions) through the real Bolt
 * app decide about it once, and the triage message is edited with chat.update to say who decided.
 */
class SlackTriageButtonsTest {

    private static final String SECRET = "test-signing-secret";
    private static final String TOKEN = "triage-test-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger CLICKS = new AtomicInteger();

    private static FakeSlackApi slack;
    private static ConfigurableApplicationContext bot;
    private static SignedSlackRequests requests;
    private static int port;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlackApi();
        Path home = Files.createTempDirectory("sitrep-slack-triage");
        bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0",
                "--sitrep.slack.bot-token=xoxb-test-token",
                "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.url(),
                "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.slack.first-backoff=50ms",
                "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"),
                "--sitrep.alerts.token=" + TOKEN,
                "--sitrep.alerts.rules[0].name=look", "--sitrep.alerts.rules[0].match[0]=severity=\"warning\"",
                "--sitrep.alerts.rules[0].action=triage", "--sitrep.alerts.rules[0].platform=slack",
                "--sitrep.alerts.rules[0].channel=CTRIAGE");
        port = Integer.parseInt(bot.getEnvironment().getProperty("local.server.port"));
        requests = new SignedSlackRequests(port, SECRET);
    }

    @AfterAll
    static void stop() {
        bot.close();
        slack.close();
    }

    @Test
    void declareMakesOneIncidentWithTheAlertsAndTheClickerAsCommanderAndDismissIsShown() throws Exception {
        slack.channelCreated("C200", "inc-1-diskfilling");
        assertThat(notify("DiskFilling", "disk0").statusCode()).isEqualTo(200);
        await("triage posted", WAIT, () -> slack.blocksTo("CTRIAGE").size() == 1);
        JsonArray triage = JsonParser.parseString(slack.blocksTo("CTRIAGE").get(0)).getAsJsonArray();
        List<String> ids = actionIds(triage);
        assertThat(ids).hasSize(2).allMatch(id -> id.matches("sitrep:(declare|dismiss)-alerts:[0-9]+"));
        String declare = ids.get(0);
        IncidentId reserved = new IncidentId(Long.parseLong(declare.substring(declare.lastIndexOf(':') + 1)));
        assertThat(slack.messagesTo("CTRIAGE").get(0)).startsWith("Alertmanager alert group for triage: DiskFilling");

        // A repeat of the group, with a second alert, while nobody decided: no second post.
        notify("DiskFilling", "disk0", "disk1");

        assertThat(click("U1", "alice", declare, triage).statusCode()).isEqualTo(200);
        await("triage message edited", WAIT, () -> !slack.calls("chat.update").isEmpty());
        Map<String, String> edited = slack.calls("chat.update").get(0);
        assertThat(edited).containsEntry("channel", "CTRIAGE").containsEntry("ts", SlackContract.TS)
                .containsEntry("text", "Declared " + reserved + " by alice");
        assertThat(actionIds(JsonParser.parseString(edited.get("blocks")).getAsJsonArray())).isEmpty();
        await("kick-off posted and the clicker answered", WAIT, () -> !slack.blocksTo("C200").isEmpty()
                && slack.calls("chat.postEphemeral").stream().anyMatch(f -> f.get("text").startsWith("Declared " + reserved)));
        assertThat(slack.calls("chat.postEphemeral")).filteredOn(f -> f.get("text").startsWith("Declared " + reserved))
                .singleElement().satisfies(f -> assertThat(f).containsEntry("user", "U1").containsEntry("channel", "CTRIAGE")
                        .satisfies(m -> assertThat(m.get("text")).contains("you are its commander")));
        String kickoff = slack.blocksTo("C200").get(0);
        assertThat(kickoff).contains("<@U1>").contains("Alerts (2)").contains("DiskFilling {instance=db-0, severity=warning}")
                .contains("DiskFilling {instance=db-1, severity=warning}").doesNotContain("sitrep\"");
        assertThat(slack.calls("conversations.invite")).anySatisfy(f -> assertThat(f.get("users")).contains("U1"));
        Incident incident = bot.getBean(IncidentStore.class).find(reserved).orElseThrow();
        assertThat(incident.commander()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("U1"));
        assertThat(incident.alerts()).hasSize(2);
        assertThat(slack.blocksTo("CTRIAGE")).as("posted once").hasSize(1);

        // bob's click on the same message (his view was stale): told who declared it, nothing new.
        slack.reset();
        click("U2", "bob", declare, triage);
        await("second click told", WAIT, () -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0)).containsEntry("user", "U2")
                .satisfies(f -> assertThat(f.get("text")).startsWith(reserved + " was already declared from this alert group by alice."));
        await("and the message shows it", WAIT, () -> !slack.calls("chat.update").isEmpty());
        assertThat(slack.calls("chat.update").get(0)).containsEntry("text", "Declared " + reserved + " by alice");
        assertThat(slack.calls("conversations.create")).isEmpty();

        // Another group, dismissed: the message says so, nothing is declared.
        slack.reset();
        notify("QueueLag", "q0");
        await("second triage posted", WAIT, () -> slack.blocksTo("CTRIAGE").size() == 1);
        JsonArray second = JsonParser.parseString(slack.blocksTo("CTRIAGE").get(0)).getAsJsonArray();
        String dismiss = actionIds(second).get(1);
        assertThat(dismiss).startsWith("sitrep:dismiss-alerts:");
        click("U2", "bob", dismiss, second);
        await("dismissal shown", WAIT, () -> !slack.calls("chat.update").isEmpty());
        assertThat(slack.calls("chat.update").get(0)).containsEntry("text", "Dismissed by bob");
        IncidentId dismissed = new IncidentId(Long.parseLong(dismiss.substring(dismiss.lastIndexOf(':') + 1)));
        assertThat(bot.getBean(IncidentStore.class).find(dismissed)).isEmpty();
        assertThat(slack.calls("conversations.create")).isEmpty();

        // Counted as the triage decisions they are, not as /incident start.
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("sitrep_triage_decisions_total{application=\"sitrep\",decision=\"declare\",outcome=\"ok\",platform=\"slack\"} 2.0")
                .contains("sitrep_triage_decisions_total{application=\"sitrep\",decision=\"dismiss\",outcome=\"ok\",platform=\"slack\"} 1.0")
                .doesNotContain("verb=\"start\"");
    }

    private static HttpResponse<String> notify(String name, String... fingerprints) throws Exception {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < fingerprints.length; i++) {
            alerts.append(i == 0 ? "" : ",").append("""
                    {"status":"firing","labels":{"alertname":"%s","severity":"warning","instance":"db-%d"},
                     "annotations":{"summary":"%s on db-%d"},"startsAt":"2026-12-01T09:58:00Z",
                     "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example/graph","fingerprint":"%s"}
                    """.formatted(name, i, name, i, fingerprints[i]));
        }
        String body = """
                {"receiver":"sitrep","status":"firing","alerts":[%s],"groupLabels":{"alertname":"%s"},
                 "commonLabels":{"alertname":"%s","severity":"warning"},"commonAnnotations":{},
                 "externalURL":"http://alertmanager.example:9093","version":"4","groupKey":"{}:{alertname=\\"%s\\"}",
                 "truncatedAlerts":0}
                """.formatted(alerts, name, name, name);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/alertmanager"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> click(String user, String name, String actionId, JsonArray blocks) throws Exception {
        int n = CLICKS.incrementAndGet();
        JsonObject payload = JsonParser.parseString("""
                {"type":"block_actions","team":{"id":"T1","domain":"acme"},
                 "user":{"id":"%s","username":"%s","name":"%s","team_id":"T1"},
                 "api_app_id":"A1","token":"legacy","trigger_id":"T-triage-%d",
                 "container":{"type":"message","message_ts":"%s","channel_id":"CTRIAGE","is_ephemeral":false},
                 "channel":{"id":"CTRIAGE","name":"triage"},
                 "response_url":"http://127.0.0.1:9/response",
                 "actions":[{"type":"button","action_id":"%s","block_id":"sitrep-buttons",
                   "text":{"type":"plain_text","text":"x"},"value":"%s","action_ts":"1700000300.%06d"}]}
                """.formatted(user, name, name, n, SlackContract.TS, actionId, actionId, n)).getAsJsonObject();
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("user", "UBOT");
        message.addProperty("bot_id", "B1");
        message.addProperty("ts", SlackContract.TS);
        message.addProperty("text", "fallback");
        message.add("blocks", blocks);
        payload.add("message", message);
        return requests.interaction(payload.toString());
    }

    private static List<String> actionIds(JsonArray blocks) {
        return blocks.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(b -> b.get("type").getAsString().equals("actions"))
                .flatMap(b -> b.getAsJsonArray("elements").asList().stream())
                .map(e -> e.getAsJsonObject().get("action_id").getAsString()).toList();
    }
}
