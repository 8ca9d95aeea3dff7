package dev.sitrep.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The last way to answer the person who typed a command or clicked: the request's
 * {@code response_url}, which needs no token ("up to 5 times within 30 minutes":
 * https://api.slack.com/interactivity/handling#message_responses). Used only when the Web API
 * refused the answer (a revoked or wrong token refuses chat.postEphemeral and the direct message
 * alike), so that the user still hears what went wrong instead of nothing after "Received …".
 * The URL comes from a request whose Slack signature was checked.
 */
final class ResponseUrlReply {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private ResponseUrlReply() {
    }

    /** Posts {@code rendered} as an ephemeral answer; a refusal is a {@link SlackCallFailed} naming the status. */
    static void send(String responseUrl, BlockKit.Rendered rendered) {
        JsonObject body = new JsonObject();
        body.addProperty("response_type", "ephemeral");
        body.addProperty("replace_original", false);
        body.addProperty("text", rendered.text());
        body.add("blocks", JsonParser.parseString(rendered.blocks()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl)).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new SlackCallFailed("response_url", "http_" + answer.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SlackCallFailed("response_url", "unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("response_url", "interrupted", e);
        }
    }
}
