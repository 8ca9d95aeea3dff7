package dev.sitrep.postmortem;

import dev.sitrep.http.Call;
import dev.sitrep.http.CallFailed;
import dev.sitrep.http.HttpService;
import dev.sitrep.http.OutboundPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP for the sinks, under the shared {@link OutboundPolicy}; a failure becomes a
 * {@link SinkFailure} with a hint for the operator.
 */
final class JsonHttp {

    private final HttpService http;
    private final JsonMapper json = JsonMapper.builder().build();

    JsonHttp(String service, Map<String, String> headers, OutboundPolicy policy) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("Accept", "application/json", "User-Agent", "sitrep"));
        all.putAll(headers);
        this.http = new HttpService(service, policy, all);
    }

    /** The parsed answer (a Map or List), or null for 404 when {@code notFoundIsNull}. */
    @Nullable Object send(String method, String url, @Nullable Object body, boolean notFoundIsNull) {
        String text;
        try {
            text = http.send(Call.of(method, url, body == null ? null : json.writeValueAsString(body))).body();
        } catch (CallFailed e) {
            if (e.status() == 404 && notFoundIsNull) {
                return null;
            }
            throw new SinkFailure(e.getMessage() + hint(e), e);
        }
        return text.isBlank() ? Map.of() : json.readValue(text, Object.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String method, String url, @Nullable Object body) {
        return (Map<String, Object>) send(method, url, body, false);
    }

    private String hint(CallFailed failure) {
        String service = failure.service();
        if (failure.kind() != CallFailed.Kind.REFUSED) {
            return "";
        }
        return switch (failure.status()) {
            case 401 -> " (check the " + service + " token)";
            case 403 -> " (the " + service + " token lacks permission)";
            case 404 -> " (check the " + service + " repository, space or parent)";
            default -> "";
        };
    }
}
