package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.BOT;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;

import java.util.Map;
import java.util.stream.Collectors;

/** INTERACTION_CREATE payloads as Discord sends them for /incident, the update modal and the message command. */
final class Interactions {

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();
    /**
     * What each interaction sent to sitrep was, by id, so the fake API can refuse an answer its kind
     * does not allow (interaction ids are unique snowflakes, so tests never share one).
     */
    private static final Map<String, Kind> KINDS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The interaction type (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type:
     * 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 5 MODAL_SUBMIT) and whether it came from a message's component
     * (a click, or a modal a click opened: then the interaction carries that {@code message}).
     */
    record Kind(int type, boolean fromMessage) {
    }

    static java.util.Optional<Kind> kindOf(String interactionId) {
        return java.util.Optional.ofNullable(KINDS.get(interactionId));
    }

    private Interactions() {
    }

    /** A fresh snowflake for now: JDA refuses to answer interactions whose id says they are older than 15 minutes. */
    static String snowflake() {
        return Long.toString(((System.currentTimeMillis() - 1420070400000L) << 22) + SEQUENCE.incrementAndGet());
    }

    static String member(String userId, String name) {
        return "{\"user\":" + FakeDiscordApi.user(userId, name) + ",\"roles\":[],\"joined_at\":"
                + "\"2024-01-01T00:00:00.000000+00:00\",\"deaf\":false,\"mute\":false,\"flags\":0,\"pending\":false,"
                + "\"nick\":null,\"permissions\":\"2199023255551\"}";
    }

    private static String envelope(String id, int type, String channelId, String channelName, String userId,
                                   String userName, String data) {
        KINDS.put(id, new Kind(type, type == 3));
        return ("{\"id\":\"" + id + "\",\"application_id\":\"" + BOT + "\",\"type\":" + type + ",\"token\":\"tok-" + id
                + "\",\"version\":1,\"guild_id\":\"" + GUILD + "\",\"guild\":{\"id\":\"" + GUILD + "\",\"locale\":\"en-US\",\"features\":[]},\"channel_id\":\"" + channelId + "\",\"channel\":"
                + FakeDiscordApi.channel(channelId, channelName, "null", "[]").replace("\"parent_id\":\"null\"", "\"parent_id\":null")
                + ",\"member\":" + member(userId, userName) + ",\"app_permissions\":\"2199023255551\",\"locale\":\"en-US\","
                + "\"guild_locale\":\"en-US\",\"entitlements\":[],\"authorizing_integration_owners\":{\"0\":\"" + GUILD
                + "\"},\"context\":0,\"attachment_size_limit\":8388608,\"data\":" + data + "}");
    }

    /** /incident <sub> with string/boolean/integer options, and user options resolved as Discord resolves them. */
    static String slash(String id, String channelId, String channelName, String userId, String userName, String sub,
                        Map<String, Object> options, Map<String, String> users) {
        String opts = options.entrySet().stream().map(e -> {
            Object v = e.getValue();
            int type = v instanceof Boolean ? 5 : v instanceof Integer ? 4 : users.containsKey(String.valueOf(v)) ? 6 : 3;
            String value = v instanceof Boolean || v instanceof Integer ? v.toString() : "\"" + v + "\"";
            return "{\"name\":\"" + e.getKey() + "\",\"type\":" + type + ",\"value\":" + value + "}";
        }).collect(Collectors.joining(","));
        String resolved = users.isEmpty() ? "" : ",\"resolved\":{\"users\":{" + users.entrySet().stream()
                .map(u -> "\"" + u.getKey() + "\":" + FakeDiscordApi.user(u.getKey(), u.getValue()))
                .collect(Collectors.joining(",")) + "},\"members\":{" + users.entrySet().stream()
                .map(u -> "\"" + u.getKey() + "\":{\"roles\":[],\"joined_at\":\"2024-01-01T00:00:00.000000+00:00\","
                        + "\"nick\":null,\"flags\":0,\"pending\":false,\"permissions\":\"0\"}")
                .collect(Collectors.joining(",")) + "}}";
        String data = "{\"id\":\"700000000000000001\",\"name\":\"incident\",\"type\":1,\"guild_id\":\"" + GUILD
                + "\",\"options\":[{\"name\":\"" + sub + "\",\"type\":1,\"options\":[" + opts + "]}]" + resolved + "}";
        return envelope(id, 2, channelId, channelName, userId, userName, data);
    }

    /**
     * Someone typing {@code typed} into the option {@code option} of /incident {@code sub}: an
     * APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4), the option being typed marked {@code focused}
     * (https://discord.com/developers/docs/interactions/application-commands#autocomplete).
     */
    static String autocomplete(String id, String channelId, String userId, String userName, String sub, String option,
                               String typed) {
        String data = "{\"id\":\"700000000000000001\",\"name\":\"incident\",\"type\":1,\"guild_id\":\"" + GUILD
                + "\",\"options\":[{\"name\":\"" + sub + "\",\"type\":1,\"options\":[{\"name\":\"" + option
                + "\",\"type\":3,\"value\":\"" + typed + "\",\"focused\":true}]}]}";
        return envelope(id, 4, channelId, "general", userId, userName, data);
    }

    /** The update modal submitted with these values (Discord's label components). */
    static String modalSubmit(String id, String channelId, String userId, String userName, Map<String, String> values) {
        return envelope(id, 5, channelId, "incident", userId, userName, modalData("incident_update", values));
    }

    /**
     * A modal that a click on a message's button opened, submitted (type 5, MODAL_SUBMIT): Discord adds the
     * message the button was on, "for components or modals triggered by components, the message they were
     * attached to" (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object).
     */
    static String modalSubmitFromMessage(String id, String channelId, String userId, String userName, String modalId,
                                         Map<String, String> values, String messageId, String components) {
        String envelope = envelope(id, 5, channelId, "incident", userId, userName, modalData(modalId, values));
        KINDS.put(id, new Kind(5, true));
        String message = FakeDiscordApi.message(messageId, channelId)
                .replace("\"components\":[]", "\"components\":" + components);
        return envelope.substring(0, envelope.length() - 1) + ",\"message\":" + message + "}";
    }

    private static String modalData(String modalId, Map<String, String> values) {
        String components = values.entrySet().stream().map(e -> "{\"type\":18,\"id\":1,\"component\":{\"type\":4,\"id\":2,"
                + "\"custom_id\":\"" + e.getKey() + "\",\"value\":\"" + e.getValue() + "\"}}")
                .collect(Collectors.joining(","));
        return "{\"custom_id\":\"" + modalId + "\",\"components\":[" + components + "]}";
    }

    /**
     * A click on a button of a message sitrep posted (type 3, MESSAGE_COMPONENT): the button's
     * custom_id and the message it is on, as Discord sends them
     * (https://discord.com/developers/docs/interactions/message-components).
     */
    static String button(String id, String channelId, String userId, String userName, String customId,
                         String messageId, String components) {
        String message = FakeDiscordApi.message(messageId, channelId)
                .replace("\"components\":[]", "\"components\":" + components);
        String data = "{\"custom_id\":\"" + customId + "\",\"component_type\":2}";
        String envelope = envelope(id, 3, channelId, "incident", userId, userName, data);
        return envelope.substring(0, envelope.length() - 1) + ",\"message\":" + message + "}";
    }

    /** The "Add to timeline" message command on a message by someone. */
    static String addToTimeline(String id, String channelId, String userId, String userName, String messageText) {
        String target = "800000000000000001";
        String message = FakeDiscordApi.message(target, channelId).replace("\"content\":\"\"", "\"content\":\"" + messageText
                + "\"").replace("\"username\":\"sitrep\"", "\"username\":\"carol\"").replace("\"bot\":true", "\"bot\":false")
                .replace("\"id\":\"" + BOT + "\"", "\"id\":\"500000000000000003\"");
        String data = "{\"id\":\"700000000000000002\",\"name\":\"Add to timeline\",\"type\":3,\"guild_id\":\"" + GUILD
                + "\",\"target_id\":\"" + target + "\",\"resolved\":{\"messages\":{\"" + target + "\":" + message + "}}}";
        return envelope(id, 2, channelId, "incident", userId, userName, data);
    }
}
