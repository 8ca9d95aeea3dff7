package dev.sitrep.bot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a signed body has a shape Slack sends, checked before Bolt reads it (Bolt throws on
 * what it cannot parse). Slack sends slash commands and interactions as
 * {@code application/x-www-form-urlencoded} (interactions as one {@code payload} field of JSON)
 * and Events API callbacks as JSON: https://api.slack.com/interactivity/slash-commands,
 * https://api.slack.com/reference/interaction-payloads, https://api.slack.com/apis/events-api
 */
final class SlackRequestShape {

    private SlackRequestShape() {
    }

    /** What is wrong with the body, or empty when Bolt can be given it. */
    static Optional<String> problem(@Nullable String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/json")) {
            return jsonObject(body, "body");
        }
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return Optional.of("unsupported content type " + (type.isEmpty() ? "(none)" : type));
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.of("malformed percent-escape in the form");
            }
        }
        if (form.containsKey("payload")) {
            return jsonObject(form.get("payload"), "payload");
        }
        if (form.containsKey("command")) {
            // https://api.slack.com/interactivity/slash-commands#app_command_handling lists the fields Slack sends.
            for (String required : new String[] {"user_id", "channel_id", "trigger_id"}) {
                if (form.getOrDefault(required, "").isBlank()) {
                    return Optional.of("slash command without " + required);
                }
            }
            return Optional.empty();
        }
        if (form.containsKey("ssl_check")) {
            return Optional.empty();
        }
        return Optional.of("form with neither command nor payload");
    }

    private static Optional<String> jsonObject(String json, String what) {
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject() || !element.getAsJsonObject().has("type")) {
                return Optional.of(what + " is not a JSON object with a type");
            }
            return Optional.empty();
        } catch (JsonParseException e) {
            return Optional.of(what + " is not well-formed JSON");
        }
    }
}
