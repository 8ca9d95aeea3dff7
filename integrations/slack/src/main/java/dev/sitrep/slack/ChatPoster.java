package dev.sitrep.slack;

import com.google.gson.Gson;
import com.slack.api.RequestConfigurator;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * chat.postMessage, the call every reminder makes, sent through the SDK's own request building and
 * HTTP client but read with one Gson kept for good: the SDK builds a new Gson for every response
 * ({@code MethodsClientImpl.parseJsonResponseAndRunListeners} calls {@code GsonFactory.createSnakeCase}),
 * which was 38 % of the CPU of a call ({@code ./bench -Dbench.only=slack-call-cost}). Same request,
 * same answer type, same {@link SlackApiException} on a non-2xx answer, so {@link SlackCalls} paces,
 * waits out 429s and counts breaker samples exactly as for the SDK's own call.
 */
public final class ChatPoster {

    private final MethodsClient client;
    private final String token;
    private final Gson gson;

    public ChatPoster(MethodsClient client, String token, com.slack.api.SlackConfig config) {
        this.client = client;
        this.token = token;
        this.gson = GsonFactory.createSnakeCase(config);
    }

    /** Takes the same configurator as {@link MethodsClient#chatPostMessage(RequestConfigurator)}. */
    public ChatPostMessageResponse chatPostMessage(
            RequestConfigurator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> request)
            throws IOException, SlackApiException {
        ChatPostMessageRequest built = request.configure(ChatPostMessageRequest.builder()).build();
        try (Response response = client.runPostFormWithToken(RequestFormBuilder.toForm(built), "chat.postMessage",
                token)) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(response, text);
            }
            return gson.fromJson(text, ChatPostMessageResponse.class);
        }
    }
}
