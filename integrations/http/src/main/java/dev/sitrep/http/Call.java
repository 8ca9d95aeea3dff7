package dev.sitrep.http;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request. {@code safeToRepeat}: sending it twice does no more than once. Everything but POST
 * is; a POST is only when the caller makes it so (Discord's enforced nonce). A POST that is not is
 * sent again only when it certainly did nothing: refused connection, rate limit, 503.
 */
public record Call(String method, String url, @Nullable String jsonBody, boolean safeToRepeat,
                   Map<String, String> headers) {

    public Call {
        headers = Map.copyOf(headers);
    }

    public Call(String method, String url, @Nullable String jsonBody, boolean safeToRepeat) {
        this(method, url, jsonBody, safeToRepeat, Map.of());
    }

    public static Call of(String method, String url, @Nullable String jsonBody) {
        return new Call(method, url, jsonBody, !method.equals("POST"));
    }

    public static Call get(String url) {
        return of("GET", url, null);
    }

    /** The service makes a repeat harmless (an idempotency key, a nonce it enforces). */
    public Call repeatable() {
        return new Call(method, url, jsonBody, true, headers);
    }

    /** A header of this request only (a signature over its body), beside the service's own. */
    public Call withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Call(method, url, jsonBody, safeToRepeat, more);
    }

    /** The path only: query strings may carry things nobody should see in a chat message. */
    String path() {
        return URI.create(url).getRawPath();
    }
}
