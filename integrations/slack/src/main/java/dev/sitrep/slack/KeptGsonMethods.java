package dev.sitrep.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Slack's own {@link MethodsClientImpl}, same requests, same HTTP client, same answers and
 * exceptions, except that every answer to a form call (all sitrep makes but the file upload) is read
 * with one Gson kept for good: the SDK builds a new one per response
 * ({@code parseJsonResponseAndRunListeners} calls {@code GsonFactory.createSnakeCase}): about 8 % of
 * the work threads' CPU after an acknowledgement, competing with the next ones (issue 15
 * §1, JFR on {@code ./bench -Dbench.only=ack}; §4 measured 38 % of a chat.postMessage). Overrides the one
 * method every such call goes through, so {@link SlackCalls} paces, waits out 429s and counts breaker
 * samples exactly as before. The SDK's own extras on that path (its per-team call statistics, off in
 * sitrep, and response listeners, none configured) stay as configured.
 */
public final class KeptGsonMethods extends MethodsClientImpl {

    private final SlackHttpClient http;
    private final Gson gson;

    private KeptGsonMethods(SlackHttpClient http, String token) {
        super(http, token);
        this.http = http;
        this.gson = GsonFactory.createSnakeCase(http.getConfig());
    }

    /** As {@code slack.methods(token)}: the same endpoint, HTTP client and configuration. */
    public static MethodsClient of(Slack slack, String token) {
        KeptGsonMethods methods = new KeptGsonMethods(slack.getHttpClient(), token);
        methods.setEndpointUrlPrefix(slack.getConfig().getMethodsEndpointUrlPrefix());
        return methods;
    }

    @Override
    protected <T extends SlackApiTextResponse> T postFormWithTokenAndParseResponse(FormBody.Builder form,
            String endpoint, String token, Class<T> type) throws IOException, SlackApiException {
        Response response = runPostFormWithToken(form, endpoint, token);
        ResponseBody body = response.body();
        String text = body == null ? "" : body.string();
        if (!response.isSuccessful()) {
            throw new SlackApiException(http.getConfig(), response, text);
        }
        try {
            T parsed = gson.fromJson(text, type);
            parsed.setHttpResponseHeaders(lowerCased(response.headers()));
            return parsed;
        } finally {
            http.runHttpResponseListeners(response, text);
        }
    }

    /** The SDK's {@code toLowerCasedKeyMap}: header names in lower case, each with all its values. */
    private static Map<String, List<String>> lowerCased(Headers headers) {
        Map<String, List<String>> map = new HashMap<>();
        for (String name : headers.names()) {
            map.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(headers.values(name));
        }
        return map;
    }
}
