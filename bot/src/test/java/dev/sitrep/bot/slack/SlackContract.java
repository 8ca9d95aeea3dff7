package dev.sitrep.bot.slack;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Slack's Web API refuses, applied to every call before any stub answers: a call Slack would
 * refuse gets Slack's {@code {"ok":false,"error":…}} (HTTP 200, {@code ok} a JSON boolean) whatever
 * the test stubbed. Each rule cites the method's page. A stub carrying the transformer parameter
 * {@value #ECHO} answers chat.postMessage as Slack does, with the channel and message it was given.
 */
final class SlackContract implements ResponseDefinitionTransformerV2 {

    static final String NAME = "slack-contract";
    static final String ECHO = "echo";
    static final String TS = "1700000000.000100";

    /** https://api.slack.com/methods/chat.postMessage: "truncated at 40,000 characters", msg_too_long beyond. */
    private static final int MAX_TEXT = 40_000;
    /** https://api.slack.com/methods/conversations.create#naming: at most 80 characters. */
    private static final int MAX_CHANNEL_NAME = 80;
    /** https://api.slack.com/methods/conversations.setTopic: a topic of more than 250 characters is too_long. */
    private static final int MAX_TOPIC = 250;
    /**
     * https://api.slack.com/methods/conversations.create#naming: "Channel names may only contain
     * lowercase letters, numbers, hyphens, and underscores" (so no spaces, periods or capitals).
     */
    private static final Pattern CHANNEL_NAME = Pattern.compile("[\\p{Ll}\\p{Lo}0-9_-]+");

    /**
     * Messages posted with blocks but no {@code text}. Slack takes them (with blocks the text is
     * optional, https://api.slack.com/methods/chat.postMessage#arg_text), but notifications and screen
     * readers then show nothing ("we strongly recommend" it, same page), so {@link FakeSlackApi#close}
     * fails the test that sent one.
     */
    final List<String> withoutFallback = new CopyOnWriteArrayList<>();

    /**
     * What chat.postMessage created, per channel in posting order, as Slack keeps it: each message
     * with its own ts (unique within its channel; the first one in a channel is {@link #TS}), its
     * text, blocks and metadata, and any chat.update applied to it. {@link SlackHistory} reads it.
     */
    private final Map<String, List<Map<String, Object>>> messages = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl();
        if (!path.startsWith("/api/")) {
            return serveEvent.getResponseDefinition();
        }
        String method = path.substring("/api/".length()).replaceFirst("\\?.*", "");
        Map<String, String> form = FakeSlackApi.form(serveEvent.getRequest().getBodyAsString());
        String authorization = serveEvent.getRequest().containsHeader("Authorization")
                ? serveEvent.getRequest().getHeader("Authorization") : null;
        Optional<String> refusal = refusal(method, token(authorization, form), form);
        Optional<String> scope = refusal.isPresent() ? Optional.empty() : SlackScopes.missing(method, SlackScopes.GRANTED);
        if (scope.isPresent()) {
            // https://api.slack.com/web#scopes: missing_scope names what was needed and what the token has.
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", false);
            body.put("error", "missing_scope");
            body.put("needed", scope.get());
            body.put("provided", String.join(",", SlackScopes.GRANTED));
            return json(body);
        }
        if (refusal.isEmpty() && !blank(form, "blocks") && blank(form, "text")) {
            withoutFallback.add(method + " " + form.get("blocks"));
        }
        if (refusal.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", false);
            body.put("error", refusal.get());
            return json(body);
        }
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        if (method.equals("chat.postMessage") && stubbed.getTransformerParameters() != null
                && Boolean.TRUE.equals(stubbed.getTransformerParameters().get(ECHO))) {
            return json(posted(form, keep(form)));
        }
        if (method.equals("chat.update") && stubbed.getStatus() == 200
                && (stubbed.getBody() == null || !stubbed.getBody().contains("\"ok\":false"))) {
            edit(form);
        }
        return stubbed;
    }

    /** Tokens travel as a Bearer header or a {@code token} field: https://api.slack.com/web#authentication */
    private static String token(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length());
        }
        return form.get("token");
    }

    static Optional<String> refusal(String method, String token, Map<String, String> form) {
        // not_authed / invalid_auth are listed on every method page, e.g. https://api.slack.com/methods/chat.postMessage#errors
        if (token == null || token.isBlank()) {
            return Optional.of("not_authed");
        }
        // apps.connections.open takes the app-level token (xapp-), every other method here a bot token (xoxb-):
        // https://api.slack.com/methods/apps.connections.open, https://api.slack.com/authentication/token-types
        if (!token.startsWith(method.equals("apps.connections.open") ? "xapp-" : "xoxb-")) {
            return Optional.of("invalid_auth");
        }
        if (Set.of("chat.postMessage", "chat.postEphemeral", "chat.update").contains(method) && !blank(form, "blocks")) {
            Optional<String> blocks = SlackBlockRules.refusal(form.get("blocks"));
            if (blocks.isPresent()) {
                return blocks;
            }
        }
        return switch (method) {
            // https://api.slack.com/methods/chat.update#errors
            case "chat.update" -> blank(form, "channel") ? Optional.of("channel_not_found")
                    : blank(form, "ts") ? Optional.of("message_not_found")
                    : blank(form, "text") && blank(form, "blocks") && blank(form, "attachments") ? Optional.of("no_text")
                    : form.getOrDefault("text", "").length() > MAX_TEXT ? Optional.of("msg_too_long")
                    : Optional.empty();
            // https://api.slack.com/methods/chat.postMessage#errors
            case "chat.postMessage" -> blank(form, "channel") ? Optional.of("channel_not_found")
                    : blank(form, "text") && blank(form, "blocks") && blank(form, "attachments") ? Optional.of("no_text")
                    : form.getOrDefault("text", "").length() > MAX_TEXT ? Optional.of("msg_too_long")
                    : Optional.empty();
            // https://api.slack.com/methods/chat.postEphemeral#errors
            case "chat.postEphemeral" -> blank(form, "channel") ? Optional.of("channel_not_found")
                    : blank(form, "user") ? Optional.of("user_not_in_channel")
                    : blank(form, "text") && blank(form, "blocks") && blank(form, "attachments") ? Optional.of("no_text")
                    : form.getOrDefault("text", "").length() > MAX_TEXT ? Optional.of("msg_too_long")
                    : Optional.empty();
            // https://api.slack.com/methods/conversations.create#errors
            case "conversations.create" -> channelName(form.get("name"));
            // https://api.slack.com/methods/conversations.setTopic#errors
            case "conversations.setTopic" -> blank(form, "channel") ? Optional.of("channel_not_found")
                    : form.getOrDefault("topic", "").length() > MAX_TOPIC ? Optional.of("too_long") : Optional.empty();
            // https://api.slack.com/methods/conversations.invite#errors
            case "conversations.invite" -> blank(form, "channel") ? Optional.of("channel_not_found")
                    : blank(form, "users") ? Optional.of("no_user") : Optional.empty();
            // https://api.slack.com/methods/pins.add#errors
            case "pins.add" -> blank(form, "channel") ? Optional.of("channel_not_found")
                    : blank(form, "timestamp") ? Optional.of("no_item_specified") : Optional.empty();
            // https://api.slack.com/methods/conversations.history#errors
            // Its channel argument is a "Conversation ID": a channel name is not found, as Slack answers it.
            case "conversations.history" -> blank(form, "channel") || !form.get("channel").matches("[CGD][A-Z0-9]+")
                    ? Optional.of("channel_not_found") : Optional.empty();
            // https://api.slack.com/methods/usergroups.users.list: "usergroup" is required; an unknown one is no_such_subteam
            case "usergroups.users.list" -> blank(form, "usergroup") ? Optional.of("invalid_arguments") : Optional.empty();
            // https://api.slack.com/methods/users.info#errors
            case "users.info" -> blank(form, "user") ? Optional.of("user_not_found") : Optional.empty();
            // https://api.slack.com/methods/views.open#errors
            case "views.open" -> blank(form, "trigger_id") ? Optional.of("invalid_trigger_id")
                    : blank(form, "view") ? Optional.of("invalid_arguments") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> channelName(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("invalid_name_required");
        }
        if (name.length() > MAX_CHANNEL_NAME) {
            return Optional.of("invalid_name_maxlength");
        }
        if (!CHANNEL_NAME.matcher(name).matches()) {
            return Optional.of("invalid_name_specials");
        }
        if (name.chars().allMatch(c -> c == '-' || c == '_')) {
            return Optional.of("invalid_name_punctuation");
        }
        return Optional.empty();
    }

    /** Compact, as Slack sends it, with {@code ok} a JSON boolean. */
    private static ResponseDefinition json(Map<String, Object> body) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(new Gson().toJson(body)).build();
    }

    private static boolean blank(Map<String, String> form, String field) {
        return form.getOrDefault(field, "").isBlank();
    }

    /** The message chat.postMessage creates, kept in its channel under the channel's next ts. */
    private Map<String, Object> keep(Map<String, String> form) {
        List<Map<String, Object>> channel = messages.computeIfAbsent(form.getOrDefault("channel", ""),
                k -> new CopyOnWriteArrayList<>());
        synchronized (channel) {
            Map<String, Object> message = new java.util.concurrent.ConcurrentHashMap<>();
            message.put("type", "message");
            message.put("subtype", "bot_message");
            message.put("text", form.getOrDefault("text", ""));
            if (!blank(form, "blocks")) {
                message.put("blocks", JsonParser.parseString(form.get("blocks")));
            }
            if (!blank(form, "metadata")) {
                message.put("metadata", JsonParser.parseString(form.get("metadata")));
            }
            message.put("ts", "1700000000." + String.format("%06d", 100 + channel.size()));
            message.put("user", "UBOT");
            message.put("bot_id", "B1");
            channel.add(message);
            return message;
        }
    }

    /** chat.update changes the text and blocks of the message it names (https://api.slack.com/methods/chat.update). */
    private void edit(Map<String, String> form) {
        for (Map<String, Object> message : messages.getOrDefault(form.getOrDefault("channel", ""), List.of())) {
            if (message.get("ts").equals(form.get("ts"))) {
                if (form.containsKey("text")) {
                    message.put("text", form.get("text"));
                }
                if (!blank(form, "blocks")) {
                    message.put("blocks", JsonParser.parseString(form.get("blocks")));
                }
            }
        }
    }

    /** The messages of a channel, oldest first. */
    List<Map<String, Object>> messages(String channel) {
        return List.copyOf(messages.getOrDefault(channel, List.of()));
    }

    /** chat.postMessage's success body: https://api.slack.com/methods/chat.postMessage#examples */
    private static Map<String, Object> posted(Map<String, String> form, Map<String, Object> kept) {
        Map<String, Object> message = new LinkedHashMap<>(kept);
        message.remove("metadata");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("channel", form.get("channel"));
        body.put("ts", kept.get("ts"));
        body.put("message", message);
        return body;
    }
}
