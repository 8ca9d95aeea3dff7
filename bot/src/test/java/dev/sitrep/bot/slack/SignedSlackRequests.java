package dev.sitrep.bot.slack;

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
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** Real HTTP requests to /slack/events, signed the way Slack signs them (v0 HMAC-SHA256). */
public final class SignedSlackRequests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String secret;
    private final @Nullable Duration timeout;

    public SignedSlackRequests(int port, String secret) {
        this(URI.create("http://127.0.0.1:" + port + "/slack/events"), secret, null);
    }

    private SignedSlackRequests(URI endpoint, String secret, @Nullable Duration timeout) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.timeout = timeout;
    }

    /**
     * Sets this client up with one request to {@code elsewhere} (another server), so that its next
     * request to the bot times the bot — over a new connection, as a new pod's first command comes —
     * and not the client's own first use (its selector thread, its first connection's machinery).
     */
    public void warmUpAgainst(URI elsewhere) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(elsewhere).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Gives up as Slack does when the answer takes longer than 3 seconds (the user then sees Slack's
     * timeout error): https://api.slack.com/interactivity/slash-commands#responding_basic_receipt
     */
    public SignedSlackRequests waitingAsSlackDoes() {
        return new SignedSlackRequests(endpoint, secret, Duration.ofSeconds(3));
    }

    /**
     * https://api.slack.com/authentication/verifying-requests-from-slack : "concatenate the version
     * number (v0), the timestamp, and the request body together, using a colon (:) as a delimiter",
     * HMAC-SHA256 it with the signing secret, hex, prefixed "v0=".
     */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields form-encoded ({@code application/x-www-form-urlencoded}), in their order. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Who types a slash command, and where: the workspace, app, user and channel fields of its payload. */
    public record Typist(String teamId, String teamDomain, String appId, String userId, String userName,
                         String channelId, String channelName) {

        /** The same person in another channel. */
        public Typist in(String otherChannelId, String otherChannelName) {
            return new Typist(teamId, teamDomain, appId, userId, userName, otherChannelId, otherChannelName);
        }
    }

    /**
     * The form fields of a slash command, in the order of
     * https://api.slack.com/interactivity/slash-commands#app_command_handling ("token, team_id,
     * team_domain, enterprise_id, enterprise_name, channel_id, channel_name, user_id, user_name,
     * command, text, response_url, trigger_id, api_app_id"); the token is the page's example (it is
     * deprecated: sitrep checks the signature instead).
     */
    public static Map<String, String> slashCommandFields(Typist who, String text, String responseUrl, String triggerId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        f.put("team_id", who.teamId());
        f.put("team_domain", who.teamDomain());
        f.put("channel_id", who.channelId());
        f.put("channel_name", who.channelName());
        f.put("user_id", who.userId());
        f.put("user_name", who.userName());
        f.put("command", "/incident");
        f.put("text", text);
        f.put("api_app_id", who.appId());
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", triggerId);
        return f;
    }

    /**
     * A POST as Slack sends it to a Request URL: its content type and user agent, and, unless
     * {@code signature} is null, the timestamp and signature headers.
     */
    public static HttpRequest.Builder slackPost(URI endpoint, String body, String contentType, long timestamp,
                                                @Nullable String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Slack-Request-Timestamp", Long.toString(timestamp)).header("X-Slack-Signature", signature);
        }
        return request;
    }

    /**
     * Marks a delivery as Slack's {@code retryNum}th redelivery (none when null):
     * https://api.slack.com/apis/events-api#retries ("X-Slack-Retry-Num", "X-Slack-Retry-Reason").
     */
    public static HttpRequest.Builder redelivery(HttpRequest.Builder request, @Nullable Integer retryNum, String reason) {
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", retryNum.toString()).header("X-Slack-Retry-Reason", reason);
        }
        return request;
    }

    /** U1 (alice) of the workspace T1 (acme), app A1, as the tests of this package have her. */
    private static final Typist ALICE = new Typist("T1", "acme", "A1", "U1", "alice", "CGENERAL", "general");

    public static String slashCommand(String userId, String userName, String channelId, String text, String triggerId) {
        Typist who = new Typist(ALICE.teamId(), ALICE.teamDomain(), ALICE.appId(), userId, userName, channelId,
                channelId.equals("CGENERAL") ? "general" : channelId);
        return form(slashCommandFields(who, text, "http://127.0.0.1:9/response", triggerId));
    }

    public HttpResponse<String> command(String userId, String userName, String channelId, String text, String triggerId)
            throws IOException, InterruptedException {
        return send(slashCommand(userId, userName, channelId, text, triggerId), "application/x-www-form-urlencoded",
                Instant.now().getEpochSecond(), null, null);
    }

    HttpResponse<String> interaction(String payloadJson) throws IOException, InterruptedException {
        return send(form(Map.of("payload", payloadJson)), "application/x-www-form-urlencoded",
                Instant.now().getEpochSecond(), null, null);
    }

    HttpResponse<String> event(String json) throws IOException, InterruptedException {
        return send(json, "application/json", Instant.now().getEpochSecond(), null, null);
    }

    /** Sends with a chosen timestamp, signature (null: correct one) and retry number (null: none). */
    public HttpResponse<String> send(String body, String contentType, long timestamp, String signature, Integer retryNum)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = redelivery(slackPost(endpoint, body, contentType, timestamp,
                signature != null ? signature : sign(secret, timestamp, body)), retryNum, "http_timeout");
        if (timeout != null) {
            request.timeout(timeout);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
