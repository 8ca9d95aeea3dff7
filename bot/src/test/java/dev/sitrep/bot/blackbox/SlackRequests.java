package dev.sitrep.bot.blackbox;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What Slack sends to an app's Request URL, built from api.slack.com's documentation. */
final class SlackRequests {

    private SlackRequests() { }

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Sent(int status, String body, Duration took) { }

    /**
     * The form fields of a slash command, https://api.slack.com/interactivity/slash-commands#app_command_handling
     * ("token, team_id, team_domain, enterprise_id, enterprise_name, channel_id, channel_name, user_id,
     * user_name, command, text, response_url, trigger_id, api_app_id").
     */
    static Map<String, String> command(String text, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "gIkuvaNzQIHg97ATvDxqgjtO"); // deprecated verification token (docs example)
        f.put("team_id", SlackFake.TEAM_ID);
        f.put("team_domain", SlackFake.TEAM_DOMAIN);
        f.put("channel_id", SlackFake.GENERAL);
        f.put("channel_name", "general");
        f.put("user_id", SlackFake.ALICE);
        f.put("user_name", "alice");
        f.put("command", "/incident");
        f.put("text", text);
        f.put("api_app_id", SlackFake.APP_ID);
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", Instant.now().toEpochMilli() + "." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + "." + UUID.randomUUID().toString().replace("-", ""));
        return f;
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * https://api.slack.com/authentication/verifying-requests-from-slack : "concatenate the version
     * number (v0), the timestamp, and the request body together, using a colon (:) as a delimiter",
     * HMAC-SHA256 it with the signing secret, hex, prefixed "v0=".
     */
    static String sign(String secret, long ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs {@code body} to /slack/events; {@code secret} null sends no signature headers. */
    static Sent post(String base, String body, String secret, long ts) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null) {
            b.header("X-Slack-Request-Timestamp", String.valueOf(ts));
            b.header("X-Slack-Signature", sign(secret, ts, body));
        }
        Instant t0 = Instant.now();
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Sent(r.statusCode(), r.body(), Duration.between(t0, Instant.now()));
    }

    static long now() { return Instant.now().getEpochSecond(); }
}
