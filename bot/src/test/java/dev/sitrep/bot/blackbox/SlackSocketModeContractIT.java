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

import static dev.sitrep.bot.blackbox.SlackRequests.command;
import static dev.sitrep.bot.blackbox.SlackRequests.form;
import static dev.sitrep.bot.blackbox.SlackRequests.now;
import static dev.sitrep.bot.blackbox.SlackRun.abbreviate;
import static dev.sitrep.bot.blackbox.SlackRun.waitUntil;
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

    private SlackRun run;
    private int barriers;

    @BeforeAll
    void start() throws Exception {
        run = new SlackRun(true);
        run.start(Map.of("SLACK_APP_TOKEN", run.slack.appToken), run.slack::socketConnected,
                () -> "sitrep to open the Socket Mode WebSocket; Web API calls: " + run.slack.calls
                        + "; attempts to leave 127.0.0.1: " + run.bot.escapes);
    }

    @AfterAll
    void stop() {
        if (run != null) run.close();
    }

    /**
     * https://api.slack.com/methods/apps.connections.open : called with the app-level token
     * (https://api.slack.com/authentication/token-types#app) in the Authorization header.
     */
    @Test
    void connectsThroughAppsConnectionsOpenWithTheAppLevelToken() {
        List<SlackFake.Call> opens = run.slack.calls.stream().filter(c -> c.method().equals("apps.connections.open")).toList();
        assertFalse(opens.isEmpty(), "apps.connections.open was never called");
        assertTrue(opens.stream().allMatch(c -> c.ok() && c.tokenInHeader()), "apps.connections.open calls: " + opens);
        // README: sitrep.slack.api-url is the Web API base; nothing goes to slack.com.
        List<String> elsewhere = run.slack.calls.stream().filter(c -> c.wentTo() != null).map(c -> c.method() + " → https://" + c.wentTo()).distinct().toList();
        assertTrue(elsewhere.isEmpty() && run.bot.escapes.isEmpty(), "with sitrep.slack.api-url=" + run.slack.apiUrl()
                + " sitrep still called Slack elsewhere: " + elsewhere + "; connections attempted outside 127.0.0.1: " + run.bot.escapes.stream().distinct().toList());
    }

    /**
     * https://api.slack.com/apis/connections/socket#acknowledge : every envelope is acknowledged by
     * sending back its envelope_id (within 3 s, as for HTTP); the command starts the incident with
     * well-formed Web API calls and the user gets an answer.
     */
    @Test
    void slashCommandEnvelopeIsAckedWithin3sAndStartsTheIncident() {
        String word = "socketalpha";
        String responseUrl = run.slack.newResponseUrl();
        Instant t0 = Instant.now();
        String envelope = run.slack.sendSlashCommand(payload("start Socketalpha login failures sev2", responseUrl));
        assertTrue(waitUntil(Duration.ofSeconds(3), () -> run.slack.acked(envelope)),
                "envelope " + envelope + " not acknowledged within 3 s; the app sent: " + run.slack.socketMessagesFromApp);
        assertTrue(waitUntil(Duration.ofSeconds(20), () -> {
                    Optional<SlackFake.Channel> ch = run.slack.channelNamed(n -> n.contains(word));
                    return ch.isPresent() && run.slack.callsSince(t0).stream().anyMatch(c -> c.method().equals("pins.add") && ch.get().id.equals(c.arg("channel")))
                            && run.slack.callsSince(t0).stream().anyMatch(c -> c.method().equals("chat.postMessage") && SlackFake.BROADCAST.equals(c.arg("channel")));
                }) || run.slack.callsSince(t0).stream().anyMatch(c -> !c.ok()),
                "the incident was not set up (channel, pin, announcement); calls: " + run.slack.callsSince(t0));
        List<String> problems = new ArrayList<>();
        run.slack.callsSince(t0).stream().filter(c -> !c.ok()).forEach(c -> problems.add("refused: " + abbreviate(c.toString())));
        run.slack.callsSince(t0).stream().filter(c -> !c.tokenInHeader()).forEach(c -> problems.add("token not in the Authorization header: " + c.method()));
        run.slack.callsSince(t0).stream().filter(c -> c.token() != null && c.token().equals(run.slack.appToken) && !c.method().equals("apps.connections.open"))
                .forEach(c -> problems.add("app-level token used for " + c.method()));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(waitUntil(Duration.ofSeconds(10), () -> !run.slack.visibleRepliesTo(SlackFake.ALICE, t0, List.of(responseUrl)).isEmpty()),
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
        String body = form(command("start " + word + " takeover sev1", run.slack.newResponseUrl()));
        Integer status = null;
        String answer = "";
        try {
            SlackRequests.Sent r = SlackRequests.post(run.bot.base(), body, anySecret, now());
            status = r.status();
            answer = r.body();
        } catch (ConnectException | HttpConnectTimeoutException e) {
            // nothing listens: not served either
        } catch (IOException e) {
            if (!(e.getCause() instanceof ConnectException)) throw e;
        }
        barrier();
        boolean created = run.slack.channelNamed(n -> n.contains(word)).isPresent();
        assertTrue(status == null || status == 404, "POST /slack/events in Socket Mode: expected 404 (not served), got " + status + " " + abbreviate(answer)
                + (created ? "; and sitrep created a channel for it" : "; no channel was created"));
        assertFalse(run.slack.channelNamed(n -> n.contains(word)).isPresent(), "a request signed with \"" + anySecret + "\" created a channel");
        assertFalse(run.slack.calls.stream().anyMatch(c -> c.toString().toLowerCase().contains(word)), "sitrep acted on the forged request: "
                + run.slack.calls.stream().filter(c -> c.toString().toLowerCase().contains(word)).toList());
    }

    /** A Socket Mode command processed to its channel: everything sent before it has been handled. */
    private void barrier() {
        String word = "sockbarrier" + (char) ('a' + barriers++) + "x";
        String env = run.slack.sendSlashCommand(payload("start " + word + " sev4", run.slack.newResponseUrl()));
        assertTrue(waitUntil(Duration.ofSeconds(20), () -> run.slack.acked(env) && run.slack.channelNamed(n -> n.contains(word)).isPresent()),
                "barrier command over Socket Mode did not create its channel; calls: " + run.slack.calls);
    }

    /**
     * The slash_commands envelope's payload, https://api.slack.com/apis/connections/socket#command
     * (the same fields as an HTTP slash command, as strings).
     */
    private static Map<String, String> payload(String text, String responseUrl) {
        return new LinkedHashMap<>(command(text, responseUrl));
    }
}
