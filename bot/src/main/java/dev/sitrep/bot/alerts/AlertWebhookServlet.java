package dev.sitrep.bot.alerts;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.engine.AlertIntake;
import dev.sitrep.commands.port.StoreUnavailable;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook receiver (Alertmanager's or Grafana's format): the bearer token first (401), then the
 * body's shape (400 with the reason), and only then the engine. Nothing is stored before both pass.
 * A store outage answers 503, which Alertmanager retries; everything it has seen answers 200, so a
 * repeat is never retried into a second incident.
 */
final class AlertWebhookServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhookServlet.class);

    /** Far above a group of hundreds of alerts; Alertmanager's max_alerts keeps groups smaller. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final AlertPayloads.Format format;
    private final AlertPayloads payloads = new AlertPayloads();
    private final AlertIntake intake;
    private final byte[] token;

    AlertWebhookServlet(AlertPayloads.Format format, AlertIntake intake, String token) {
        this.format = format;
        this.intake = intake;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authorized(request.getHeader("Authorization"))) {
            // RFC 6750 §3: a protected resource answers a missing or wrong bearer token with 401 and this challenge.
            response.setHeader("WWW-Authenticate", "Bearer realm=\"sitrep\"");
            answer(response, HttpServletResponse.SC_UNAUTHORIZED, "error",
                    "missing or wrong bearer token (Authorization: Bearer <sitrep.alerts.token>)");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error",
                    "the body is larger than " + MAX_BODY + " bytes; set max_alerts on the receiver");
            return;
        }
        AlertGroup group;
        try {
            group = payloads.read(format, body);
        } catch (AlertPayloads.NotAPayload e) {
            LOG.info("{} webhook refused: {}", format.source, e.getMessage());
            answer(response, HttpServletResponse.SC_BAD_REQUEST, "error", e.getMessage());
            return;
        }
        try {
            AlertIntake.Outcome outcome = intake.receive(group);
            LOG.info("{} alert group {} ({} alerts): {}", format.source, group.key(), group.alerts().size(),
                    outcome.describe());
            answer(response, HttpServletResponse.SC_OK, "outcome", outcome.describe());
        } catch (StoreUnavailable e) {
            LOG.warn("{} alert group {} not taken: {}", format.source, group.key(), e.getMessage());
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error",
                    "sitrep's store (Redis) is not answering; nothing was recorded, send it again");
        } catch (RuntimeException e) {
            LOG.error("{} alert group {} failed", format.source, group.key(), e);
            answer(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "error",
                    "sitrep could not take the alert group (" + e.getClass().getSimpleName() + "); what was recorded is kept");
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private static void answer(HttpServletResponse response, int status, String field, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"" + field + "\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    @Override
    public String toString() {
        return "AlertWebhookServlet[" + format.source + "]";
    }

    static String lower(AlertPayloads.Format format) {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
