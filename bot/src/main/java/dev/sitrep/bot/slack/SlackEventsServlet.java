package dev.sitrep.bot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /slack/events} in HTTP mode. Bolt's own servlet parses the body before it checks the
 * signature and answers anything it cannot parse with a 500 and an ERROR stack trace, so anyone
 * could fill the logs. Here the signature comes first (401), then the shape (400), then Bolt. This
 * is the one signature check: Bolt's own middleware would repeat it on every request (the App is
 * built without it, {@code SlackConfiguration}).
 */
final class SlackEventsServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsServlet.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final long MAX_SKEW_SECONDS = 5 * 60;

    private final transient App app;
    private final transient SlackRequestParser parser;
    private final transient SlackSignatureCheck signatures;

    SlackEventsServlet(App app, String signingSecret) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signatures = new SlackSignatureCheck(signingSecret);
    }

    /**
     * Bolt's verifier refuses only timestamps older than five minutes; Slack's rule is five minutes
     * either way, so a request stamped in the future cannot be kept and replayed later.
     */
    private static boolean withinFiveMinutes(String timestamp) {
        try {
            long skew = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp.trim()));
            return skew <= MAX_SKEW_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            refuse(response, 413, "request body too large");
            return;
        }
        // Slack's v0 signature over the raw body, with a timestamp no older than five minutes:
        // https://api.slack.com/authentication/verifying-requests-from-slack
        String timestamp = request.getHeader(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = request.getHeader(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (timestamp == null || signature == null || !withinFiveMinutes(timestamp)
                || !signatures.isValid(timestamp, bytes, signature)) {
            LOG.debug("Unsigned or wrongly signed request to /slack/events from {}", request.getRemoteAddr());
            refuse(response, 401, "invalid signature");
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        Optional<String> problem = SlackRequestShape.problem(request.getContentType(), body);
        if (problem.isPresent()) {
            // Signed with our secret yet malformed: worth one line, never a stack trace.
            LOG.warn("Refused a malformed Slack request: {}", problem.get());
            refuse(response, 400, problem.get());
            return;
        }
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getRequestURI())
                    .queryString(QueryStringParser.toMap(request.getQueryString()))
                    .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                    .requestBody(body)
                    .remoteAddress(request.getRemoteAddr())
                    .build());
        } catch (RuntimeException e) {
            LOG.warn("Refused a Slack request Bolt cannot read: {}", e.toString());
            refuse(response, 400, "unreadable request");
            return;
        }
        if (slackRequest == null) {
            if (isAppRateLimited(request.getContentType(), body)) {
                // https://api.slack.com/events/app_rate_limited: Slack drops this app's events for the
                // minute; it must still be answered 200, or Slack counts it towards disabling them.
                LOG.warn("Slack says it is dropping sitrep's events for a minute (app_rate_limited): too many events"
                        + " in the workspace; commands still arrive");
                response.setStatus(200);
                return;
            }
            refuse(response, 400, "not a request Slack sends");
            return;
        }
        Response answer;
        try {
            answer = app.run(slackRequest);
        } catch (Exception e) {
            LOG.error("Slack request failed", e);
            refuse(response, 500, "internal error");
            return;
        }
        if (answer.getStatusCode() == 404 && slackRequest.getRequestType() == RequestType.Event) {
            // Bolt answers 404 for an event type no handler takes (an app subscribed to more than the
            // manifest lists). Slack wants a 2xx for every delivery within 3 s and disables event
            // subscriptions that fail too often (https://api.slack.com/apis/events-api#responding):
            // taken, and ignored.
            LOG.debug("Acknowledged a Slack event sitrep does not handle");
            response.setStatus(200);
            return;
        }
        ServletAdapterOps.writeResponse(response, answer);
    }

    private static boolean isAppRateLimited(@Nullable String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        JsonElement type = JsonParser.parseString(body).getAsJsonObject().get("type");
        return type != null && type.isJsonPrimitive() && "app_rate_limited".equals(type.getAsString());
    }

    private static void refuse(HttpServletResponse response, int status, String why) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(why);
    }
}
