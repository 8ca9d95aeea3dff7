package dev.sitrep.bot.blackbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.sitrep.bot.blackbox.SlackRequests.command;
import static dev.sitrep.bot.blackbox.SlackRequests.form;
import static dev.sitrep.bot.blackbox.SlackRequests.now;
import static dev.sitrep.bot.blackbox.SlackRequests.post;
import static dev.sitrep.bot.blackbox.SlackRun.abbreviate;
import static dev.sitrep.bot.blackbox.SlackRun.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * sitrep in Slack HTTP mode, configured exactly as the README's Slack section says
 * ({@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET}, {@code PORT},
 * {@code --sitrep.slack.broadcast-channel}, {@code --sitrep.slack.api-url}), against {@link SlackFake}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackHttpModeContractIT {

    private final String secret = "8f742231b10e8888abcd99" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private SlackRun run;

    @BeforeAll
    void start() throws Exception {
        run = new SlackRun(false);
        run.start(Map.of("SLACK_SIGNING_SECRET", secret), () -> run.bot.httpReady(),
                () -> "sitrep readiness on /actuator/health/readiness; Web API calls: " + run.slack.calls);
    }

    @AfterAll
    void stop() {
        if (run != null) run.close();
    }

    // ------------------------------------------------------------------ request verification

    /**
     * https://api.slack.com/authentication/verifying-requests-from-slack (a valid v0 signature) and
     * https://api.slack.com/interactivity/slash-commands#responding_basic_receipt ("respond with an
     * HTTP 200 OK ... within 3000 ms").
     */
    @Test
    void validlySignedSlashCommandIsAcknowledgedWithin3sWith200AndStartsTheIncident() throws Exception {
        String word = "alphacheck";
        Map<String, String> f = command("start " + cap(word) + " checkout errors sev2", run.slack.newResponseUrl());
        String body = form(f);
        SlackRequests.Sent r = post(run.bot.base(), body, secret, now());
        assertEquals(200, r.status(), "a validly signed slash command must be acknowledged with HTTP 200; got " + r.status() + " " + r.body());
        assertTrue(r.took().compareTo(Duration.ofSeconds(3)) < 0, "Slack needs the acknowledgement within 3000 ms; it took " + r.took().toMillis() + " ms");
        assertTrue(waitUntil(Duration.ofSeconds(20), () -> run.slack.channelNamed(n -> n.contains(word)).isPresent()),
                "no incident channel containing '" + word + "' was created; Web API calls: " + run.slack.calls);
    }

    /**
     * README: {@code sitrep.slack.api-url} is the "Web API base (GovSlack, proxies, tests)" — so every
     * Web API call, Bolt's own {@code auth.test} included, goes there and nothing goes to slack.com.
     */
    @Test
    void everyWebApiCallGoesToTheConfiguredApiUrl() throws Exception {
        barrier();
        List<String> elsewhere = run.slack.calls.stream().filter(c -> c.wentTo() != null).map(c -> c.method() + " → https://" + c.wentTo()).distinct().toList();
        assertTrue(elsewhere.isEmpty() && run.bot.escapes.isEmpty(), "with sitrep.slack.api-url=" + run.slack.apiUrl()
                + " sitrep still called Slack elsewhere: " + elsewhere + "; connections attempted outside 127.0.0.1: " + run.bot.escapes.stream().distinct().toList());
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("signed with another secret", "wrong-secret", 0L),
                Arguments.of("no X-Slack-Signature / X-Slack-Request-Timestamp", null, 0L),
                // "If the timestamp is more than five minutes from local time, it could be a replay attack"
                Arguments.of("correct signature, timestamp 6 minutes old", "SECRET", -360L),
                Arguments.of("correct signature, timestamp 6 minutes ahead", "SECRET", 360L));
    }

    /**
     * https://api.slack.com/authentication/verifying-requests-from-slack : a request whose signature
     * does not match, or whose timestamp is more than five minutes from local time, is ignored; the
     * README promises 401 and no change.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedOrReplayedRequestsGet401AndChangeNothing(String what, String key, long skew) throws Exception {
        String word = "forged" + Math.abs(what.hashCode() % 10000);
        String body = form(command("start " + cap(word) + " fake outage sev1", run.slack.newResponseUrl()));
        String signWith = "SECRET".equals(key) ? secret : key;
        SlackRequests.Sent r = post(run.bot.base(), body, signWith, now() + skew);
        barrier();
        boolean created = run.slack.channelNamed(n -> n.contains(word)).isPresent();
        assertEquals(401, r.status(), what + ": expected 401, got " + r.status() + " " + r.body()
                + (created ? "; and sitrep created a channel for it" : ""));
        assertNothingCreatedFor(word, what);
    }

    // ------------------------------------------------------------------ malformed requests (issue point 7)

    static Stream<Arguments> malformed() {
        List<Arguments> out = new ArrayList<>();
        for (boolean signed : List.of(true, false)) {
            out.add(Arguments.of(signed, "payload= not JSON", "payload=" + enc("{not json at all")));
            out.add(Arguments.of(signed, "payload= cut short", "payload=" + enc(
                    "{\"type\":\"message_action\",\"callback_id\":\"add_to_timeline\",\"trigger_id\":\"13345224609.738474920.8088930838d88f008e0\","
                            + "\"team\":{\"id\":\"" + SlackFake.TEAM_ID + "\"},\"user\":{\"id\":\"" + SlackFake.ALICE + "\"},\"channel\":{\"id\":\"" + SlackFake.GENERAL
                            + "\"},\"message\":{\"type\":\"message\",\"ts\":\"1700000000.000100\",\"text\":\"cut")));
            out.add(Arguments.of(signed, "percent-escape %G1", rawCommand("start Malformedgone %G1 sev3")));
            out.add(Arguments.of(signed, "trailing %E0%A4%A", rawCommand("start Malformedtrail sev3 %E0%A4%A")));
            out.add(Arguments.of(signed, "command without user_id", without("user_id", "start Malformednouser sev3")));
            out.add(Arguments.of(signed, "command without channel_id", without("channel_id", "start Malformednochan sev3")));
        }
        return out.stream();
    }

    /** Issue point 7: malformed requests get 4xx, never 5xx, signed or not. */
    @ParameterizedTest(name = "signed={0}: {1}")
    @MethodSource("malformed")
    void malformedRequestsGet4xxNever5xx(boolean signed, String what, String body) throws Exception {
        SlackRequests.Sent r = post(run.bot.base(), body, signed ? secret : null, now());
        assertTrue(r.status() >= 400 && r.status() < 500,
                (signed ? "signed" : "unsigned") + " malformed request (" + what + ") must get 4xx; got " + r.status() + " " + abbreviate(r.body()));
    }

    /** Issue point 7: malformed requests change nothing and leave no ERROR stack trace in the log. */
    @Test
    void malformedRequestsCreateNothingAndLogNoErrorStackTrace() throws Exception {
        int logBefore = run.bot.logText().length();
        List<String> statuses = new ArrayList<>();
        for (Arguments a : malformed().toList()) {
            Object[] p = a.get();
            SlackRequests.Sent r = post(run.bot.base(), (String) p[2], (boolean) p[0] ? secret : null, now());
            statuses.add("signed=" + p[0] + " " + p[1] + " -> " + r.status());
        }
        barrier();
        for (String word : List.of("malformedgone", "malformedtrail", "malformednouser", "malformednochan")) {
            assertNothingCreatedFor(word, "malformed requests " + statuses);
        }
        String logged = run.bot.logText().substring(Math.min(logBefore, run.bot.logText().length()));
        List<String> errors = logged.lines().filter(l -> l.contains(" ERROR ") || l.startsWith("\tat ")).limit(8).toList();
        assertTrue(errors.isEmpty(), "malformed requests must not log ERROR stack traces; logged:\n" + String.join("\n", errors));
    }

    // ------------------------------------------------------------------ Web API calls on /incident start

    /**
     * The calls sitrep makes on /incident start are well-formed per each method's page: the token
     * in the Authorization header (https://api.slack.com/web#authentication), required arguments
     * present, a valid channel name (https://api.slack.com/methods/conversations.create#naming),
     * texts and blocks within limits. SlackFake answers anything else with the documented error.
     */
    @ParameterizedTest(name = "{0} incident")
    @ValueSource(strings = {"public", "private"})
    void webApiCallsOnIncidentStartAreWellFormed(String kind) throws Exception {
        boolean priv = kind.equals("private");
        String word = priv ? "bravosecret" : "bravocheck";
        Instant t0 = Instant.now();
        SlackRequests.Sent r = post(run.bot.base(), form(command("start " + cap(word) + " payments API down sev1" + (priv ? " private" : ""), run.slack.newResponseUrl())), secret, now());
        assertEquals(200, r.status());
        SlackFake.Channel ch = awaitIncidentSetUp(word, t0);
        List<SlackFake.Call> calls = run.slack.callsSince(t0);
        List<String> problems = new ArrayList<>();
        calls.stream().filter(c -> !c.ok()).forEach(c -> problems.add("refused: " + c));
        calls.stream().filter(c -> !c.tokenInHeader()).forEach(c -> problems.add("token not in the Authorization header: " + c.method()));
        if (ch == null) {
            fail("no incident channel for '" + word + "'; calls: " + calls);
        }
        requireCall(problems, calls, "conversations.create", c -> ch.name.equals(c.arg("name")));
        // README: "a private channel with private" — conversations.create's is_private argument
        if (ch.isPrivate != priv) problems.add("the channel was created " + (ch.isPrivate ? "private" : "public") + " for a " + kind + " incident");
        requireCall(problems, calls, "conversations.invite", c -> ch.id.equals(c.arg("channel")) && String.valueOf(c.arg("users")).contains(SlackFake.ALICE));
        requireCall(problems, calls, "conversations.setTopic", c -> ch.id.equals(c.arg("channel")));
        requireCall(problems, calls, "chat.postMessage", c -> ch.id.equals(c.arg("channel")));
        requireCall(problems, calls, "pins.add", c -> ch.id.equals(c.arg("channel")));
        requireCall(problems, calls, "chat.postMessage", c -> SlackFake.BROADCAST.equals(c.arg("channel")));
        assertTrue(problems.isEmpty(), "Web API calls on /incident start:\n  " + String.join("\n  ", problems) + "\nall calls:\n  "
                + calls.stream().map(Object::toString).map(SlackRun::abbreviate).collect(Collectors.joining("\n  ")));
    }

    /**
     * Long and unusual titles still give a channel name Slack accepts (lowercase letters, numbers,
     * hyphens, underscores, at most 80 characters: https://api.slack.com/methods/conversations.create#naming),
     * a topic within 250 characters (https://api.slack.com/methods/conversations.setTopic) and
     * blocks within Block Kit's limits (header ≤ 150, section ≤ 3000: https://api.slack.com/reference/block-kit/blocks).
     */
    @Test
    void longAndUnusualTitlesStayWithinSlackLimits() throws Exception {
        String word = "charliecheck";
        // 190 characters: under the 200 sitrep accepts, far over the 80 of a channel name and the 150 of a header block.
        String title = (cap(word) + " Zahlungsausfall: Checkout/EU & US — 50% 5xx on API.payments.example.com!!! "
                + "the_rest OF THE title goes on and on ".repeat(4)).substring(0, 190).trim() + " sev3";
        String responseUrl = run.slack.newResponseUrl();
        Instant t0 = Instant.now();
        SlackRequests.Sent r = post(run.bot.base(), form(command("start " + title, responseUrl)), secret, now());
        assertEquals(200, r.status());
        awaitIncidentSetUp(word, t0);
        List<SlackFake.Call> calls = run.slack.callsSince(t0);
        List<SlackFake.Call> refused = calls.stream().filter(c -> !c.ok()).toList();
        Optional<SlackFake.Channel> ch = run.slack.channelNamed(n -> n.contains(word));
        // sitrep may also turn the title down with a private answer; what it may not do is send Slack
        // something Slack refuses, or leave the user without a word.
        List<String> replies = run.slack.visibleRepliesTo(SlackFake.ALICE, t0, List.of(responseUrl));
        assertTrue(refused.isEmpty() && (ch.isPresent() || !replies.isEmpty()), "title of " + title.length() + " characters: Slack refused "
                + refused.stream().map(Object::toString).map(SlackRun::abbreviate).toList()
                + (ch.isPresent() ? "" : "; no channel was created") + "; acknowledgement: " + abbreviate(r.body())
                + "; replies to the user: " + replies.stream().map(SlackRun::abbreviate).toList()
                + "; calls: " + calls.stream().map(Object::toString).map(SlackRun::abbreviate).toList());
    }

    // ------------------------------------------------------------------ the user always gets an answer

    /** After an accepted /incident start, something the user can see reaches them. */
    @Test
    void userSeesAReplyAfterAnAcceptedStart() throws Exception {
        String word = "deltacheck";
        String responseUrl = run.slack.newResponseUrl();
        Instant t0 = Instant.now();
        SlackRequests.Sent r = post(run.bot.base(), form(command("start " + cap(word) + " search is slow sev3", responseUrl)), secret, now());
        assertEquals(200, r.status());
        assertTrue(waitUntil(Duration.ofSeconds(15), () -> !run.slack.visibleRepliesTo(SlackFake.ALICE, t0, List.of(responseUrl)).isEmpty()),
                "no ephemeral, response_url post or channel message reached the user; calls: " + run.slack.callsSince(t0));
    }

    /**
     * When Slack refuses the channel (conversations.create → restricted_action, "A team preference
     * prevents the authenticated user from creating channels", https://api.slack.com/methods/conversations.create#errors)
     * the user is still told, privately (ephemeral or response_url), after the acknowledgement.
     */
    @Test
    void userIsToldWhenSlackRefusesTheChannel() throws Exception {
        String word = "echorefused";
        run.slack.refuseCreate.put(word, "restricted_action");
        String responseUrl = run.slack.newResponseUrl();
        Instant t0 = Instant.now();
        SlackRequests.Sent r = post(run.bot.base(), form(command("start " + cap(word) + " database failover sev2", responseUrl)), secret, now());
        assertEquals(200, r.status());
        assertTrue(waitUntil(Duration.ofSeconds(15), () -> run.slack.callsSince(t0).stream()
                        .anyMatch(c -> c.method().equals("conversations.create") && "restricted_action".equals(c.error()))),
                "sitrep never asked for the channel; calls: " + run.slack.callsSince(t0));
        Instant refused = Instant.now();
        assertTrue(waitUntil(Duration.ofSeconds(15), () -> run.slack.visibleRepliesTo(SlackFake.ALICE, t0, List.of(responseUrl)).stream()
                        .anyMatch(s -> s.startsWith("ephemeral") || s.startsWith("response_url"))),
                "the user was never told that the channel could not be created (no ephemeral or response_url post within 15 s of "
                        + refused + "); calls: " + run.slack.callsSince(t0));
    }

    // ------------------------------------------------------------------ helpers

    /** Waits until the incident's set-up has run (pin and announcement), or a call was refused and things went quiet. */
    private SlackFake.Channel awaitIncidentSetUp(String word, Instant t0) {
        boolean done = waitUntil(Duration.ofSeconds(30), () -> {
            Optional<SlackFake.Channel> ch = run.slack.channelNamed(n -> n.contains(word));
            List<SlackFake.Call> calls = run.slack.callsSince(t0);
            boolean pinned = ch.isPresent() && calls.stream().anyMatch(c -> c.method().equals("pins.add") && c.ok() && ch.get().id.equals(c.arg("channel")));
            boolean announced = calls.stream().anyMatch(c -> c.method().equals("chat.postMessage") && c.ok() && SlackFake.BROADCAST.equals(c.arg("channel")));
            Optional<SlackFake.Call> lastRefusal = calls.stream().filter(c -> !c.ok()).reduce((a, b) -> b);
            boolean quietAfterRefusal = lastRefusal.isPresent() && calls.get(calls.size() - 1).at().plusSeconds(3).isBefore(Instant.now());
            boolean turnedDown = ch.isEmpty() && calls.stream().noneMatch(c -> c.method().equals("conversations.create"))
                    && calls.stream().anyMatch(c -> c.method().equals("chat.postEphemeral")) && calls.get(calls.size() - 1).at().plusSeconds(3).isBefore(Instant.now());
            return (pinned && announced) || quietAfterRefusal || turnedDown;
        });
        if (!done) System.out.println("[" + word + "] set-up not complete after 30 s; calls since " + t0 + ":\n  "
                + run.slack.callsSince(t0).stream().map(Object::toString).map(SlackRun::abbreviate).collect(Collectors.joining("\n  ")));
        return run.slack.channelNamed(n -> n.contains(word)).orElse(null);
    }

    private static void requireCall(List<String> problems, List<SlackFake.Call> calls, String method, java.util.function.Predicate<SlackFake.Call> what) {
        if (calls.stream().noneMatch(c -> c.method().equals(method) && c.ok() && what.test(c))) problems.add("missing successful " + method + " for the incident");
    }

    /** A validly signed /incident start, processed to its channel: everything sent before it has been handled. */
    private void barrier() throws Exception {
        String word = "barrier" + letters(barriers++);
        SlackRequests.Sent r = post(run.bot.base(), form(command("start " + cap(word) + " sev4", run.slack.newResponseUrl())), secret, now());
        assertEquals(200, r.status(), "barrier command not acknowledged: " + r.status() + " " + r.body());
        assertTrue(waitUntil(Duration.ofSeconds(20), () -> run.slack.channelNamed(n -> n.contains(word)).isPresent()),
                "barrier command did not create its channel; calls: " + run.slack.calls);
    }

    private void assertNothingCreatedFor(String word, String what) {
        assertFalse(run.slack.channelNamed(n -> n.contains(word)).isPresent(), what + ": a channel was created for it");
        assertFalse(run.slack.calls.stream().anyMatch(c -> c.toString().toLowerCase().contains(word)), what + ": sitrep called Slack about it: "
                + run.slack.calls.stream().filter(c -> c.toString().toLowerCase().contains(word)).toList());
    }

    private static String rawCommand(String rawText) {
        Map<String, String> f = command("X", "http://127.0.0.1:9/commands/x");
        String encoded = form(f);
        return encoded.replace("text=X", "text=" + rawText.replace(" ", "+"));
    }

    private static String without(String field, String text) {
        Map<String, String> f = new LinkedHashMap<>(command(text, "http://127.0.0.1:9/commands/x"));
        f.remove(field);
        return form(f);
    }

    private int barriers;

    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        do { b.append((char) ('a' + n % 26)); n /= 26; } while (n > 0);
        return b.append("x").toString();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String cap(String w) { return Character.toUpperCase(w.charAt(0)) + w.substring(1); }

}
