package dev.sitrep.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The service's own explanation of a failure, short enough for a chat message: {@code message}
 * (GitHub, Discord, Confluence, PagerDuty) and the {@code errors[]} details of GitHub and PagerDuty, or a plain-text body; an HTML
 * error page says nothing useful. Any secret sitrep sent is blanked, in case a service echoes it.
 */
final class ServiceError {

    private static final int LONGEST = 300;

    private ServiceError() {
    }

    static String of(JsonNode json, String body, Collection<String> secrets) {
        List<String> parts = new ArrayList<>();
        if (json.isObject()) {
            if (json.path("message").isString()) {
                parts.add(json.path("message").asString());
            }
            for (JsonNode error : json.path("errors").isArray() ? json.path("errors") : List.<JsonNode>of()) {
                if (error.isString()) {
                    // PagerDuty's errors[] are plain sentences
                    // (https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty).
                    parts.add(error.asString());
                } else if (error.path("message").isString()) {
                    parts.add(error.path("message").asString());
                } else if (error.path("code").isString()) {
                    parts.add((error.path("field").asString("") + " " + error.path("code").asString()).trim());
                }
            }
        } else if (json.isMissingNode() && !body.isBlank() && !body.trim().startsWith("<")) {
            parts.add(body.trim());
        }
        String text = String.join(": ", parts).replaceAll("\\s+", " ");
        for (String secret : secrets) {
            text = text.replace(secret, "[REDACTED]");
        }
        return text.length() > LONGEST ? text.substring(0, LONGEST) + "…" : text;
    }
}
