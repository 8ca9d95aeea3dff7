package dev.sitrep.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One remote service (GitHub, Confluence, Discord's REST API, a pager) called under the
 * {@link OutboundPolicy}: the one place that decides when to wait, when to try again, when to stop
 * and what the failure says. Its headers (the credentials among them) go on every request and
 * nowhere else.
 */
public final class HttpService {

    private static final System.Logger LOG = System.getLogger(HttpService.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final OutboundPolicy policy;
    private final Map<String, String> headers;
    private final List<String> secrets;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Clock clock = Clock.systemUTC();

    public HttpService(String service, OutboundPolicy policy, Map<String, String> headers) {
        this(service, policy, headers, List.of());
    }

    /**
     * {@code bodySecrets}: credentials a service takes in the request body (PagerDuty's routing key),
     * blanked like the headers' if the service echoes them.
     */
    public HttpService(String service, OutboundPolicy policy, Map<String, String> headers,
                       Collection<String> bodySecrets) {
        this.service = service;
        this.policy = policy;
        this.headers = Map.copyOf(headers);
        // The credential part of each header ("Bearer <token>" → the token), blanked if a service echoes it.
        this.secrets = Stream.concat(headers.values().stream().map(v -> v.substring(v.lastIndexOf(' ') + 1)),
                bodySecrets.stream()).filter(v -> v.length() >= 8).toList();
        this.http = HttpClient.newBuilder().connectTimeout(policy.timeout()).build();
        this.breaker = policy.breaker(service, t -> t instanceof Attempt a && a.serviceFault(),
                t -> t instanceof Attempt a && a.rateLimited);
    }

    public String name() {
        return service;
    }

    /** For health and metrics: open while the service is failing. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The 2xx answer, or a {@link CallFailed} once the policy gives up. */
    public Answer send(Call call) {
        for (int attempt = 1; ; attempt++) {
            Attempt failed;
            try {
                return breaker.executeSupplier(() -> once(call));
            } catch (CallNotPermittedException e) {
                throw new CallFailed(CallFailed.Kind.UNAVAILABLE, service, name(call) + " was not sent: " + service
                        + " failed repeatedly, so calls pause for " + policy.breakerOpenFor().toSeconds()
                        + " s (circuit breaker open)", 0, "", e);
            } catch (Attempt e) {
                failed = e;
            }
            if (failed.refused) {
                throw failure(CallFailed.Kind.REFUSED, name(call) + " answered " + failed.what(), failed);
            }
            if (!call.safeToRepeat() && !failed.certainlyNotDone) {
                throw failure(CallFailed.Kind.OUTCOME_UNKNOWN, name(call) + " got no clear answer (" + failed.what()
                        + ") and was not sent again: it may have been done", failed);
            }
            Duration wait = failed.retryAfter.orElse(policy.backoff(attempt));
            if (wait.compareTo(policy.longestWait()) > 0) {
                throw failure(CallFailed.Kind.RATE_LIMITED, name(call) + " answered " + failed.what() + " and asks to wait "
                        + wait.toSeconds() + " s, longer than sitrep waits (" + policy.longestWait().toSeconds()
                        + " s); try again later", failed);
            }
            if (attempt >= policy.maxAttempts()) {
                throw failure(CallFailed.Kind.FAILED, name(call) + " failed after " + attempt + " attempts: "
                        + failed.what(), failed);
            }
            LOG.log(System.Logger.Level.INFO, () -> name(call) + ": " + failed.what() + "; trying again in "
                    + wait.toMillis() + " ms");
            pause(call, wait);
        }
    }

    private Answer once(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).timeout(policy.timeout())
                .method(call.method(), call.jsonBody() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.jsonBody(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        call.headers().forEach(request::header);
        if (call.jsonBody() != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw Attempt.network(e, true);
        } catch (IOException e) {
            throw Attempt.network(e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(CallFailed.Kind.OUTCOME_UNKNOWN, service, name(call) + " was interrupted", 0, "", e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Answer(status, response.body(), response.headers());
        }
        JsonNode json = parse(response.body());
        throw Attempt.answered(status, ServiceError.of(json, response.body(), secrets),
                RetryAfter.of(response.headers(), json, clock.instant()));
    }

    private CallFailed failure(CallFailed.Kind kind, String message, Attempt attempt) {
        return new CallFailed(kind, service, message, attempt.status, attempt.serviceError, attempt.getCause());
    }

    private String name(Call call) {
        return service + " " + call.method() + " " + call.path();
    }

    private void pause(Call call, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(CallFailed.Kind.FAILED, service, name(call) + " was interrupted while waiting to try again",
                    0, "", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }
}
