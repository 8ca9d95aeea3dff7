package dev.sitrep.bot.blackbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sitrep.bot.blackbox.SlackHttpModeContractIT.abbreviate;
import static dev.sitrep.bot.blackbox.SlackHttpModeContractIT.waitUntil;
import static dev.sitrep.bot.blackbox.SlackRequests.command;
import static dev.sitrep.bot.blackbox.SlackRequests.form;
import static dev.sitrep.bot.blackbox.SlackRequests.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sitrep in Socket Mode (README: "With SLACK_APP_TOKEN=xapp-… as well it connects over Socket Mode
 * instead"), with a bot token and an app-level token and no signing secret, against
 * {@link SlackFake}'s Web API and Socket Mode WebSocket (https://api.slack.com/apis/connections/socket).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackSocketModeContractIT {

    private SlackFake slack;
    private SlackBotProcess bot;
    private int barriers;

    @BeforeAll
    void start() throws Exception {
        slack = new SlackFake();
        try {
            slack.enableSocketMode(SlackBotProcess.freePort());
            bot = new SlackBotProcess(slack.base(),
                    Map.of("SLACK_BOT_TOKEN", slack.botToken, "SLACK_APP_TOKEN", slack.appToken),
                    List.of("--sitrep.slack.api-url=" + slack.apiUrl(),
                            "--sitrep.slack.broadcast-channel=" + SlackFake.BROADCAST));
            bot.waitReady(slack::socketConnected, () -> "sitrep to open the Socket Mode WebSocket; Web API calls: " + slack.calls
                    + "; attempts to leave 127.0.0.1: " + bot.escapes);
        } catch (Throwable t) {
            stop();
            throw t;
        }
    }

    @AfterAll
    void stop() {
        if (bot != null) bot.close();
        if (slack != null) slack.close();
    }

    /**
     * https://api.slack.com/methods/apps.connections.open : called with the app-level token
     * (https://api.slack.com/authentication/token-types#app) in the Authorization header.
     */
    @Test
    void connectsThroughAppsConnectionsOpenWithTheAppLevelToken() {
        List<SlackFake.Call> opens = slack.calls.stream().filter(c -> c.method().equals("apps.connections.open")).toList();
        assertFalse(opens.isEmpty(), "apps.connections.open was never called");
        assertTrue(opens.stream().allMatch(c -> c.ok() && c.tokenInHeader()), "apps.connections.open calls: " + opens);
        // README: sitrep.slack.api-url is the Web API base; nothing goes to slack.com.
        List<String> elsewhere = slack.calls.stream().filter(c -> c.wentTo() != null).map(c -> c.method() + " → https://" + c.wentTo()).distinct().toList();
        assertTrue(elsewhere.isEmpty() && bot.escapes.isEmpty(), "with sitrep.slack.api-url=" + slack.apiUrl()
                + " sitrep still called Slack elsewhere: " + elsewhere + "; connections attempted outside 127.0.0.1: " + bot.escapes.stream().distinct().toList());
    }

    /**
     * https://api.slack.com/apis/connections/socket#acknowledge : every envelope is acknowledged by
     * sending back its envelope_id (within 3 s, as for HTTP); the command starts the incident with
     * well-formed Web API calls and the user gets an answer.
     */
    @Test
    void slashCommandEnvelopeIsAckedWithin3sAndStartsTheIncident() {
        String word = "socketalpha";
        String responseUrl = slack.newResponseUrl();
        Instant t0 = Instant.now();
        String envelope = slack.sendSlashCommand(payload("start Socketalpha login failures sev2", responseUrl));
        assertTrue(waitUntil(Duration.ofSeconds(3), () -> slack.acked(envelope)),
                "envelope " + envelope + " not acknowledged within 3 s; the app sent: " + slack.socketMessagesFromApp);
        assertTrue(waitUntil(Duration.ofSeconds(20), () -> {
                    Optional<SlackFake.Channel> ch = slack.channelNamed(n -> n.contains(word));
                    return ch.isPresent() && slack.callsSince(t0).stream().anyMatch(c -> c.method().equals("pins.add") && ch.get().id.equals(c.arg("channel")))
                            && slack.callsSince(t0).stream().anyMatch(c -> c.method().equals("chat.postMessage") && SlackFake.BROADCAST.equals(c.arg("channel")));
                }) || slack.callsSince(t0).stream().anyMatch(c -> !c.ok()),
                "the incident was not set up (channel, pin, announcement); calls: " + slack.callsSince(t0));
        List<String> problems = new ArrayList<>();
        slack.callsSince(t0).stream().filter(c -> !c.ok()).forEach(c -> problems.add("refused: " + abbreviate(c.toString())));
        slack.callsSince(t0).stream().filter(c -> !c.tokenInHeader()).forEach(c -> problems.add("token not in the Authorization header: " + c.method()));
        slack.callsSince(t0).stream().filter(c -> c.token() != null && c.token().equals(slack.appToken) && !c.method().equals("apps.connections.open"))
                .forEach(c -> problems.add("app-level token used for " + c.method()));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(waitUntil(Duration.ofSeconds(10), () -> !slack.visibleRepliesTo(SlackFake.ALICE, t0, List.of(responseUrl)).isEmpty()),
                "no ephemeral, response_url post or channel message reached the user");
    }

    /**
     * Issue point 6: in Socket Mode /slack/events is not served — a request signed with any secret
     * (none is configured) gets 404, or finds no port at all (README: "opens no port"), and creates nothing.
     */
    @ParameterizedTest(name = "signed with \"{0}\"")
    @ValueSource(strings = {"anything", "8f742231b10e8888abcd99yyyzzz85a5", "placeholder", "signing-secret"})
    void slackEventsIsNotServedInSocketMode(String anySecret) throws Exception {
        String word = "forgedsock" + Math.abs(anySecret.hashCode() % 1000);
        String body = form(command("start " + word + " takeover sev1", slack.newResponseUrl()));
        Integer status = null;
        String answer = "";
        try {
            SlackRequests.Sent r = SlackRequests.post(bot.base(), body, anySecret, now());
            status = r.status();
            answer = r.body();
        } catch (ConnectException | HttpConnectTimeoutException e) {
            // nothing listens: not served either
        } catch (IOException e) {
            if (!(e.getCause() instanceof ConnectException)) throw e;
        }
        barrier();
        boolean created = slack.channelNamed(n -> n.contains(word)).isPresent();
        assertTrue(status == null || status == 404, "POST /slack/events in Socket Mode: expected 404 (not served), got " + status + " " + abbreviate(answer)
                + (created ? "; and sitrep created a channel for it" : "; no channel was created"));
        assertFalse(slack.channelNamed(n -> n.contains(word)).isPresent(), "a request signed with \"" + anySecret + "\" created a channel");
        assertFalse(slack.calls.stream().anyMatch(c -> c.toString().toLowerCase().contains(word)), "sitrep acted on the forged request: "
                + slack.calls.stream().filter(c -> c.toString().toLowerCase().contains(word)).toList());
    }

    /** A Socket Mode command processed to its channel: everything sent before it has been handled. */
    private void barrier() {
        String word = "sockbarrier" + (char) ('a' + barriers++) + "x";
        String env = slack.sendSlashCommand(payload("start " + word + " sev4", slack.newResponseUrl()));
        assertTrue(waitUntil(Duration.ofSeconds(20), () -> slack.acked(env) && slack.channelNamed(n -> n.contains(word)).isPresent()),
                "barrier command over Socket Mode did not create its channel; calls: " + slack.calls);
    }

    /**
     * The slash_commands envelope's payload, https://api.slack.com/apis/connections/socket#command
     * (the same fields as an HTTP slash command, as strings).
     */
    private static Map<String, String> payload(String text, String responseUrl) {
        return new LinkedHashMap<>(command(text, responseUrl));
    }
}
