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
     * Gives up as Slack does when the answer takes longer than 3 seconds (the user then sees Slack's
     * timeout error): https://api.slack.com/interactivity/slash-commands#responding_basic_receipt
     */
    public SignedSlackRequests waitingAsSlackDoes() {
        return new SignedSlackRequests(endpoint, secret, Duration.ofSeconds(3));
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String slashCommand(String userId, String userName, String channelId, String text, String triggerId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-verification-token");
        f.put("team_id", "T1");
        f.put("team_domain", "acme");
        f.put("channel_id", channelId);
        f.put("channel_name", channelId.equals("CGENERAL") ? "general" : channelId);
        f.put("user_id", userId);
        f.put("user_name", userName);
        f.put("command", "/incident");
        f.put("text", text);
        f.put("api_app_id", "A1");
        f.put("response_url", "http://127.0.0.1:9/response");
        f.put("trigger_id", triggerId);
        return form(f);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature != null ? signature : sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", retryNum.toString()).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
