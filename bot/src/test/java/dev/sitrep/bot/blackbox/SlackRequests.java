package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.slack.SignedSlackRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What Slack sends to an app's Request URL, for the contract ITs against {@link SlackFake}'s
 * workspace: built and signed by {@link SignedSlackRequests}, as every Slack request of the tests.
 */
final class SlackRequests {

    private SlackRequests() { }

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** alice in #general of the stand-in's workspace. */
    private static final SignedSlackRequests.Typist ALICE = new SignedSlackRequests.Typist(SlackFake.TEAM_ID,
            SlackFake.TEAM_DOMAIN, SlackFake.APP_ID, SlackFake.ALICE, "alice", SlackFake.GENERAL, "general");

    record Sent(int status, String body, Duration took) { }

    /** The form fields of alice's {@code /incident <text>} in #general, with a trigger_id shaped like Slack's. */
    static Map<String, String> command(String text, String responseUrl) {
        String trigger = Instant.now().toEpochMilli() + "." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L)
                + "." + UUID.randomUUID().toString().replace("-", "");
        return SignedSlackRequests.slashCommandFields(ALICE, text, responseUrl, trigger);
    }

    static String form(Map<String, String> fields) {
        return SignedSlackRequests.form(fields);
    }

    /** POSTs {@code body} to /slack/events; {@code secret} null sends no signature headers. */
    static Sent post(String base, String body, String secret, long ts) throws IOException, InterruptedException {
        var request = SignedSlackRequests.slackPost(URI.create(base + "/slack/events"), body,
                        "application/x-www-form-urlencoded", ts, secret == null ? null : SignedSlackRequests.sign(secret, ts, body))
                .timeout(Duration.ofSeconds(10));
        Instant t0 = Instant.now();
        HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Sent(r.statusCode(), r.body(), Duration.between(t0, Instant.now()));
    }

    static long now() { return Instant.now().getEpochSecond(); }
}
