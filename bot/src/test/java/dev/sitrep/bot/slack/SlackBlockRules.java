package dev.sitrep.bot.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What Slack refuses in a message's {@code blocks}, written from Slack's pages rather than from
 * sitrep's own limits, so the fake disagrees with sitrep wherever sitrep gets Slack wrong.
 * chat.postMessage, chat.postEphemeral and chat.update list both errors:
 * {@code invalid_blocks_format} ("The blocks is not a valid JSON object or doesn't match the Block Kit
 * syntax") and {@code invalid_blocks} ("Blocks submitted with this message are not valid"),
 * https://api.slack.com/methods/chat.postMessage#errors.
 */
final class SlackBlockRules {

    private SlackBlockRules() {
    }

    static Optional<String> refusal(String blocks) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(blocks);
        } catch (JsonSyntaxException e) {
            return Optional.of("invalid_blocks_format");
        }
        // https://api.slack.com/methods/chat.postMessage#arg_blocks: "A JSON-based array of structured blocks".
        if (!parsed.isJsonArray()) {
            return Optional.of("invalid_blocks_format");
        }
        try {
            check(parsed.getAsJsonArray());
            return Optional.empty();
        } catch (Invalid | IllegalStateException | UnsupportedOperationException | NullPointerException e) {
            return Optional.of("invalid_blocks");
        }
    }

    private static final class Invalid extends RuntimeException {
        Invalid(String why) {
            super(why);
        }
    }

    private static void check(JsonArray blocks) {
        // https://api.slack.com/reference/block-kit/blocks: "You can include up to 50 blocks in each message".
        require(!blocks.isEmpty() && blocks.size() <= 50, "1 to 50 blocks");
        Set<String> blockIds = new HashSet<>();
        for (JsonElement element : blocks) {
            JsonObject block = element.getAsJsonObject();
            // https://api.slack.com/reference/block-kit/blocks#fields: block_id at most 255 characters, unique in the message.
            if (block.has("block_id")) {
                String id = block.get("block_id").getAsString();
                require(id.length() <= 255 && blockIds.add(id), "block_id");
            }
            switch (block.get("type").getAsString()) {
                // https://api.slack.com/reference/block-kit/blocks#header: text is plain_text, at most 150 characters.
                case "header" -> text(block.get("text"), 150, true);
                // https://api.slack.com/reference/block-kit/blocks#section: text at most 3000 characters; fields at
                // most 10, each at most 2000; one of the two is required.
                case "section" -> {
                    require(block.has("text") || block.has("fields"), "section text or fields");
                    if (block.has("text")) {
                        text(block.get("text"), 3000, false);
                    }
                    if (block.has("fields")) {
                        JsonArray fields = block.getAsJsonArray("fields");
                        require(!fields.isEmpty() && fields.size() <= 10, "1 to 10 fields");
                        fields.forEach(f -> text(f, 2000, false));
                    }
                }
                // https://api.slack.com/reference/block-kit/blocks#context: 1 to 10 elements (text objects or images).
                case "context" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    require(!elements.isEmpty() && elements.size() <= 10, "1 to 10 context elements");
                    elements.forEach(e -> text(e, 3000, false));
                }
                // https://api.slack.com/reference/block-kit/blocks#actions: 1 to 25 elements.
                case "actions" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    require(!elements.isEmpty() && elements.size() <= 25, "1 to 25 action elements");
                    Set<String> actionIds = new HashSet<>();
                    elements.forEach(e -> button(e.getAsJsonObject(), actionIds));
                }
                // https://api.slack.com/reference/block-kit/blocks#divider
                case "divider" -> require(block.size() <= 2, "divider takes only type and block_id");
                default -> throw new Invalid("block type " + block.get("type"));
            }
        }
    }

    /**
     * https://api.slack.com/reference/block-kit/block-elements#button: text plain_text at most 75
     * characters; action_id at most 255 and unique in its block; value at most 2000; style primary or danger.
     */
    private static void button(JsonObject button, Set<String> actionIds) {
        require("button".equals(button.get("type").getAsString()), "only buttons here");
        text(button.get("text"), 75, true);
        String actionId = button.get("action_id").getAsString();
        require(actionId.length() <= 255 && actionIds.add(actionId), "action_id");
        if (button.has("value")) {
            require(button.get("value").getAsString().length() <= 2000, "value");
        }
        if (button.has("style")) {
            require(Set.of("primary", "danger").contains(button.get("style").getAsString()), "style");
        }
    }

    /**
     * https://api.slack.com/reference/block-kit/composition-objects#text: type plain_text or mrkdwn, text
     * 1 to 3000 characters (less where the containing field says so).
     */
    private static void text(JsonElement element, int max, boolean plainOnly) {
        JsonObject text = element.getAsJsonObject();
        String type = text.get("type").getAsString();
        require(type.equals("plain_text") || (!plainOnly && type.equals("mrkdwn")), "text type " + type);
        String value = text.get("text").getAsString();
        require(!value.isEmpty() && value.codePointCount(0, value.length()) <= max, "text length");
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new Invalid(rule);
        }
    }
}
