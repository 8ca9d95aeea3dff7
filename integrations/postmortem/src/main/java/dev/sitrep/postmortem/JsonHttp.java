package dev.sitrep.postmortem;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP for the sinks, with retries (backoff) on network errors, timeouts, 429 and 5xx.
 * 4xx answers are final: retrying a bad token or a missing space only delays the bad news.
 */
final class JsonHttp {

    private final String service;
    private final HttpClient http;
    private final Map<String, String> headers;
    private final RetryConfig retry;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration timeout;

    JsonHttp(String service, Map<String, String> headers, int maxAttempts, Duration firstBackoff, Duration timeout) {
        this.service = service;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.retry = RetryConfig.custom().maxAttempts(maxAttempts)
                .intervalBiFunction((attempt, outcome) -> firstBackoff.toMillis() * (1L << Math.min(attempt - 1, 6)))
                .retryOnException(e -> e instanceof SinkFailure f && f.isTransient())
                .build();
    }

    /** The parsed answer (a Map or List), or null for 404 when {@code notFoundIsNull}. */
    @Nullable Object send(String method, String url, @Nullable Object body, boolean notFoundIsNull) {
        Supplier<Object> call = () -> once(method, url, body, notFoundIsNull);
        return Retry.decorateSupplier(Retry.of(service, retry), call).get();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String method, String url, @Nullable Object body) {
        return (Map<String, Object>) send(method, url, body, false);
    }

    private @Nullable Object once(String method, String url, @Nullable Object body, boolean notFoundIsNull) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", "sitrep");
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SinkFailure(service + " " + method + " " + path(url) + " failed: " + e.getClass().getSimpleName(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkFailure(service + " " + method + " " + path(url) + " was interrupted", 0, e);
        }
        int status = response.statusCode();
        if (status == 404 && notFoundIsNull) {
            return null;
        }
        if (status < 200 || status >= 300) {
            throw new SinkFailure(service + " " + method + " " + path(url) + " answered HTTP " + status + hint(status),
                    status, null);
        }
        return response.body().isBlank() ? Map.of() : json.readValue(response.body(), Object.class);
    }

    private String hint(int status) {
        return switch (status) {
            case 401 -> " (check the " + service + " token)";
            case 403 -> " (the " + service + " token lacks permission)";
            case 404 -> " (check the " + service + " repository, space or parent)";
            default -> "";
        };
    }

    /** The path only: query strings may carry things nobody should see in a chat message. */
    private static String path(String url) {
        return URI.create(url).getPath();
    }
}
