package dev.sitrep.bot.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13, alert triage on Slack, black-box: the jar in Slack HTTP mode with alert intake and one
 * {@code triage} rule (README "Alerts: point Alertmanager at sitrep"), a Slack Web API stand-in
 * written from Slack's docs, and Alertmanager notifications as Alertmanager sends them.
 * A triage post must carry Block Kit buttons *Declare incident* and *Dismiss*; a click arrives as
 * Slack's signed {@code block_actions} payload and must open exactly one incident with the alerts
 * attached and the clicker as commander, or edit the triage message on *Dismiss*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackTriageContractIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TRIAGE = "C0TRIAGE01";
    private static final String BROADCAST = "C0INCIDENT";
    private static final String GENERAL = "C0GENERAL1";
    private static final String ALICE = "UALICE0001";
    private static final String BOB = "UBOB00001";
    private static final String CAROL = "UCAROL001";

    private BbSlackFake slack;
    private BbBot bot;

    @BeforeAll
    void start() throws Exception {
        slack = new BbSlackFake();
        slack.addChannel(TRIAGE, "alert-triage", true);
        slack.addChannel(BROADCAST, "incidents", true);
        slack.addChannel(GENERAL, "general", false);
        slack.channels.get(GENERAL).members.addAll(List.of(ALICE, BOB, CAROL));
        try {
            bot = BbBot.start("slack-triage",
                    Map.of("SLACK_BOT_TOKEN", BbSlackFake.TOKEN, "SLACK_SIGNING_SECRET", BbSlack.SIGNING_SECRET,
                            "SITREP_ALERTS_TOKEN", BbAlerts.TOKEN),
                    List.of("--sitrep.slack.api-url=" + slack.apiUrl(),
                            "--sitrep.slack.broadcast-channel=" + BROADCAST,
                            "--sitrep.alerts.rules[0].name=triage-all",
                            "--sitrep.alerts.rules[0].action=triage",
                            "--sitrep.alerts.rules[0].platform=slack",
                            "--sitrep.alerts.rules[0].channel=" + TRIAGE));
        } catch (Throwable t) {
            slack.close();
            throw t;
        }
    }

    @AfterAll
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void triagePostCarriesDeclareAndDismissButtonsAndOpensNothing() throws Exception {
        BbSlackFake.Message post = triage("DiskFilling", "Disk on db-1 fills up", "dfa11001");
        List<JsonObject> buttons = BbSlackFake.buttons(post);
        assertTrue(buttons.stream().anyMatch(b -> BbSlackFake.buttonText(b).matches("(?i).*declare.*")),
                "triage post has a Declare button (Block Kit button, https://api.slack.com/reference/block-kit/block-elements#button): " + post.all());
        assertTrue(buttons.stream().anyMatch(b -> BbSlackFake.buttonText(b).matches("(?i).*dismiss.*")),
                "triage post has a Dismiss button: " + post.all());
        // https://api.slack.com/methods/chat.postMessage#arg_text : with blocks, text is the notification fallback
        assertFalse(post.text().isBlank(), "triage post has a plain-text fallback: " + post.all());
        assertTrue(post.all().contains("Disk on db-1 fills up"), "triage post names the alert: " + post.all());
        assertEquals(0, createsFor("disk-on-db-1"), "triage alone opens no incident channel:\n" + slack.dump());
    }

    @Test
    void declareClickOpensOneIncidentWithTheAlertsAndTheClickerAsCommander() throws Exception {
        BbAlerts.Alert alert = new BbAlerts.Alert("CheckoutDown", "warning", "Checkout answers 502", "c0ffee01",
                "2026-12-02T05:58:00Z", true);
        BbSlackFake.Message post = triage(alert, "checkout");
        String click = BbSlack.blockActions(slack, ALICE, "alice", post, button(post, "declare"));
        assertEquals(200, BbSlack.interaction(bot, click).statusCode(), "block_actions acknowledged with 200 within 3 s");

        BbSlackFake.Channel channel = incidentChannel("checkout-answers-502");
        // README "Alerts": the kick-off lists the alerts (labels, summary, runbook_url, generatorURL, startsAt)
        BbWait.untilTrue("the incident channel lists the triaged alert (its generatorURL)", WAIT,
                () -> slack.messagesIn(channel.id).stream().anyMatch(m -> m.all().contains("c0ffee01")),
                () -> slack.dump());
        // issue 13: the clicker becomes commander; README: the topic is severity · status · commander
        BbWait.untilTrue("alice (the clicker) invited and named commander in the topic", WAIT,
                () -> channel.members.contains(ALICE) && (channel.topic.contains(ALICE) || channel.topic.toLowerCase().contains("alice")),
                () -> "topic=" + channel.topic + " members=" + channel.members + "\n" + slack.dump());
        String all = String.join("\n", slack.messagesIn(channel.id).stream().map(BbSlackFake.Message::all).toList());
        assertFalse(Pattern.compile("(?i)commander\\W{0,6}sitrep").matcher(all + channel.topic).find(),
                "no 'Commander: sitrep' once alice declared: " + channel.topic + "\n" + all);

        // Slack retries an interaction it got no timely answer to; the same payload again changes nothing
        assertEquals(200, BbSlack.interaction(bot, click).statusCode());
        // issue 13: a second click answers who already declared it
        String bobClick = BbSlack.blockActions(slack, BOB, "bob", post, button(post, "declare"));
        assertEquals(200, BbSlack.interaction(bot, bobClick).statusCode());
        BbWait.untilTrue("bob is told privately that alice already declared it", WAIT,
                () -> slack.privateAnswersTo(BOB).stream().anyMatch(s -> s.contains(ALICE) || s.toLowerCase().contains("alice")),
                () -> slack.dump());
        assertEquals(1, createsFor("checkout-answers-502"), "one click, a retry and a second click make one channel:\n" + slack.dump());
    }

    @Test
    void declaredTriageMessageNoLongerOffersTheDeclareButton() throws Exception {
        BbSlackFake.Message post = triage("QueueBacklog", "Orders queue backlog grows", "9b0e0001");
        BbSlack.interaction(bot, BbSlack.blockActions(slack, ALICE, "alice", post, button(post, "declare")));
        incidentChannel("orders-queue-backlog-grows");
        // issue 12: "After a click the message shows what happened … so nobody clicks a stale button"
        // (https://api.slack.com/methods/chat.update edits the message in place)
        BbWait.untilTrue("the triage message edited: no Declare button left, says who declared", WAIT,
                () -> current(post).map(m -> BbSlackFake.buttons(m).stream().noneMatch(b -> BbSlackFake.buttonText(b).matches("(?i).*declare.*"))
                        && (m.all().contains(ALICE) || m.all().toLowerCase().contains("alice"))).orElse(false),
                () -> current(post).map(BbSlackFake.Message::all).orElse("(gone)") + "\n" + slack.dump());
    }

    @Test
    void laterNotificationOfADeclaredGroupAttachesInsteadOfPostingAgain() throws Exception {
        BbAlerts.Alert first = new BbAlerts.Alert("SearchSlow", "warning", "Search p99 above 2s", "5ea7c001",
                "2026-12-02T05:50:00Z", true);
        BbSlackFake.Message post = triage(first, "search");
        BbSlack.interaction(bot, BbSlack.blockActions(slack, CAROL, "carol", post, button(post, "declare")));
        BbSlackFake.Channel channel = incidentChannel("search-p99-above-2s");
        long triagePostsBefore = triagePosts();

        BbAlerts.Alert second = new BbAlerts.Alert("SearchSlow", "warning", "Search p99 above 2s in eu-west", "5ea7c002",
                "2026-12-02T05:55:00Z", true);
        HttpResponse<String> repeat = BbAlerts.send(bot, BbAlerts.notification("SearchSlow", "search", "warning",
                "Search p99 above 2s", first, second));
        assertEquals(2, repeat.statusCode() / 100, "notification accepted: " + repeat.body());
        // issue 13: a later notification for the group attaches to the incident declared from triage
        BbWait.untilTrue("the new alert of the group shown in the incident channel", WAIT,
                () -> slack.messagesIn(channel.id).stream().anyMatch(m -> m.all().contains("5ea7c002") || m.all().contains("eu-west")),
                () -> slack.dump());
        assertEquals(triagePostsBefore, triagePosts(), "no second triage post for a declared group:\n" + slack.dump());
        assertEquals(1, createsFor("search-p99-above-2s"), "still one channel:\n" + slack.dump());
    }

    @Test
    void dismissEditsTheTriageMessageAndOpensNothing() throws Exception {
        BbSlackFake.Message post = triage("CacheMisses", "Cache hit rate below 80%", "cace0001");

        BbSlack.interaction(bot, BbSlack.blockActions(slack, CAROL, "carol", post, button(post, "dismiss")));
        // issue 13: Dismiss edits the triage message ("Dismissed by bob 10:42")
        BbWait.untilTrue("the triage message edited to say carol dismissed it, without buttons", WAIT,
                () -> current(post).map(m -> m.all().matches("(?is).*dismissed.*")
                        && (m.all().contains(CAROL) || m.all().toLowerCase().contains("carol"))
                        && BbSlackFake.buttons(m).isEmpty()).orElse(false),
                () -> current(post).map(BbSlackFake.Message::all).orElse("(gone)") + "\n" + slack.dump());
        assertEquals(0, createsFor("cache-hit-rate"), "Dismiss opens no channel:\n" + slack.dump());
    }

    private BbSlackFake.Message triage(String alertname, String summary, String fingerprint) throws Exception {
        return triage(new BbAlerts.Alert(alertname, "warning", summary, fingerprint, "2026-12-02T05:40:00Z", true),
                alertname.toLowerCase());
    }

    private BbSlackFake.Message triage(BbAlerts.Alert alert, String service) throws Exception {
        HttpResponse<String> r = BbAlerts.send(bot, BbAlerts.notification(alert.alertname(), service, alert.severity(),
                alert.summary(), alert));
        assertEquals(2, r.statusCode() / 100, "Alertmanager notification accepted: " + r.statusCode() + " " + r.body());
        return BbWait.until("a triage post in " + TRIAGE + " for " + alert.alertname(), WAIT,
                () -> slack.messagesIn(TRIAGE).stream().filter(m -> m.all().contains(alert.summary())).findFirst(),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
    }

    private JsonObject button(BbSlackFake.Message post, String word) {
        return BbSlackFake.buttons(post).stream().filter(b -> BbSlackFake.buttonText(b).toLowerCase().contains(word)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + word + "' button on the triage post: " + post.all()));
    }

    private BbSlackFake.Channel incidentChannel(String slug) {
        return BbWait.until("conversations.create of the incident channel *" + slug + "*", WAIT,
                () -> slack.channels.values().stream().filter(c -> c.name.contains(slug)).findFirst(),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
    }

    private long createsFor(String slug) {
        return slack.calls("conversations.create").stream().filter(c -> c.p("name").contains(slug)).count();
    }

    private long triagePosts() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.ok() && c.p("channel").equals(TRIAGE)).count();
    }

    private Optional<BbSlackFake.Message> current(BbSlackFake.Message m) {
        return slack.messagesIn(m.channel()).stream().filter(x -> x.ts().equals(m.ts())).findFirst();
    }
}
