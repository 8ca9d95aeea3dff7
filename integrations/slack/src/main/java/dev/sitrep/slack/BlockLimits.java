package dev.sitrep.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Slack's Block Kit limits for the blocks sitrep posts. Text longer than its object allows is user
 * text (a title, an update field) and is cut visibly with "…" (the full text stays on the timeline);
 * anything else Slack would refuse with {@code invalid_blocks} — too many blocks or fields, an unknown
 * block, a missing or empty text — is a broken template and throws {@link InvalidBlocks}.
 */
final class BlockLimits {

    /** https://api.slack.com/reference/block-kit/blocks: "You can include up to 50 blocks in each message". */
    static final int MAX_BLOCKS = 50;
    /** https://api.slack.com/reference/block-kit/blocks#section: text "Maximum length for the text in this field is 3000 characters". */
    static final int MAX_SECTION_TEXT = 3000;
    /** https://api.slack.com/reference/block-kit/blocks#section: fields "Maximum number of items is 10", each at most 2000 characters. */
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2000;
    /** https://api.slack.com/reference/block-kit/blocks#header: "Maximum length for the text in this field is 150 characters". */
    static final int MAX_HEADER_TEXT = 150;
    /** https://api.slack.com/reference/block-kit/blocks#context: "Maximum number of items is 10". */
    static final int MAX_CONTEXT_ELEMENTS = 10;
    /** https://api.slack.com/reference/block-kit/blocks#actions: "There is a maximum of 25 elements in each action block". */
    static final int MAX_ACTIONS = 25;
    /** https://api.slack.com/reference/block-kit/block-elements#button: text at most 75 characters, action_id 255, value 2000. */
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_ACTION_ID = 255;
    static final int MAX_BUTTON_VALUE = 2000;
    /** https://api.slack.com/reference/block-kit/composition-objects#text: a text object holds 1 to 3000 characters. */
    static final int MAX_TEXT_OBJECT = 3000;

    static final String CUT = "…";

    /** The block types sitrep's messages use (https://api.slack.com/reference/block-kit/blocks). */
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context", "actions", "divider");
    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");
    /** https://api.slack.com/reference/block-kit/block-elements#button: style is primary or danger, or absent. */
    private static final Set<String> BUTTON_STYLES = Set.of("primary", "danger");

    /** A template's blocks that Slack would refuse; the message names what is wrong. */
    static final class InvalidBlocks extends RuntimeException {
        InvalidBlocks(String problem) {
            super(problem);
        }
    }

    private BlockLimits() {
    }

    /** Cuts over-long text in place and checks the rest; throws {@link InvalidBlocks} naming the first problem. */
    static JsonArray fit(JsonArray blocks) {
        if (blocks.isEmpty()) {
            throw new InvalidBlocks("no blocks");
        }
        if (blocks.size() > MAX_BLOCKS) {
            throw new InvalidBlocks(blocks.size() + " blocks, Slack takes at most " + MAX_BLOCKS);
        }
        Set<String> actionIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            String where = "block " + (i + 1);
            JsonObject block = object(blocks.get(i), where);
            String type = string(block, "type", where);
            if (!BLOCK_TYPES.contains(type)) {
                throw new InvalidBlocks(where + " has type '" + type + "', not one of " + BLOCK_TYPES);
            }
            where += " (" + type + ")";
            switch (type) {
                case "header" -> text(block, "text", where, MAX_HEADER_TEXT, true);
                case "section" -> section(block, where);
                case "context" -> {
                    JsonArray elements = array(block, "elements", where, MAX_CONTEXT_ELEMENTS);
                    for (int e = 0; e < elements.size(); e++) {
                        fitText(object(elements.get(e), where + " element " + (e + 1)), where + " element " + (e + 1),
                                MAX_TEXT_OBJECT, false);
                    }
                }
                case "actions" -> {
                    JsonArray elements = array(block, "elements", where, MAX_ACTIONS);
                    for (int e = 0; e < elements.size(); e++) {
                        button(object(elements.get(e), where + " element " + (e + 1)), where + " element " + (e + 1), actionIds);
                    }
                }
                default -> {
                    // divider: nothing but its type
                }
            }
        }
        return blocks;
    }

    private static void section(JsonObject block, String where) {
        boolean hasText = block.has("text");
        if (hasText) {
            text(block, "text", where, MAX_SECTION_TEXT, false);
        }
        if (block.has("fields")) {
            JsonArray fields = array(block, "fields", where, MAX_FIELDS);
            for (int f = 0; f < fields.size(); f++) {
                fitText(object(fields.get(f), where + " field " + (f + 1)), where + " field " + (f + 1), MAX_FIELD_TEXT, false);
            }
        } else if (!hasText) {
            // https://api.slack.com/reference/block-kit/blocks#section: text is required if fields is not provided.
            throw new InvalidBlocks(where + " has neither text nor fields");
        }
    }

    private static void button(JsonObject button, String where, Set<String> actionIds) {
        if (!"button".equals(string(button, "type", where))) {
            throw new InvalidBlocks(where + " is not a button");
        }
        text(button, "text", where, MAX_BUTTON_TEXT, true);
        String actionId = string(button, "action_id", where);
        if (actionId.length() > MAX_ACTION_ID || !actionIds.add(actionId)) {
            throw new InvalidBlocks(where + " has an action_id that is too long or not unique: " + actionId);
        }
        if (button.has("value") && string(button, "value", where).length() > MAX_BUTTON_VALUE) {
            throw new InvalidBlocks(where + " has a value over " + MAX_BUTTON_VALUE + " characters");
        }
        if (button.has("style") && !BUTTON_STYLES.contains(string(button, "style", where))) {
            throw new InvalidBlocks(where + " has style '" + button.get("style") + "'");
        }
    }

    private static void text(JsonObject parent, String field, String where, int max, boolean plainOnly) {
        if (!parent.has(field)) {
            throw new InvalidBlocks(where + " has no " + field);
        }
        fitText(object(parent.get(field), where + " " + field), where + " " + field, max, plainOnly);
    }

    private static void fitText(JsonObject text, String where, int max, boolean plainOnly) {
        String type = string(text, "type", where);
        if (!TEXT_TYPES.contains(type) || (plainOnly && !type.equals("plain_text"))) {
            throw new InvalidBlocks(where + " has type '" + type + "', " + (plainOnly ? "not plain_text" : "not a text object"));
        }
        String value = string(text, "text", where);
        if (value.isEmpty()) {
            throw new InvalidBlocks(where + " is empty");
        }
        if (value.codePointCount(0, value.length()) > max) {
            text.addProperty("text", cut(value, max, type.equals("mrkdwn")));
        }
    }

    /**
     * At most {@code max} characters ending in "…". In mrkdwn the cut never splits a {@code <…>} token
     * (a mention, a date) or an {@code &amp;} entity, which would show as broken markup.
     */
    static String cut(String text, int max, boolean mrkdwn) {
        int end = text.offsetByCodePoints(0, max - 1);
        if (mrkdwn) {
            int open = text.lastIndexOf('<', end - 1);
            if (open >= 0 && text.indexOf('>', open) >= end) {
                end = open;
            }
            int amp = text.lastIndexOf('&', end - 1);
            if (amp >= 0 && text.indexOf(';', amp) >= end && end - amp <= 5) {
                end = amp;
            }
        }
        return text.substring(0, end) + CUT;
    }

    private static JsonObject object(JsonElement element, String where) {
        if (element == null || !element.isJsonObject()) {
            throw new InvalidBlocks(where + " is not an object");
        }
        return element.getAsJsonObject();
    }

    private static JsonArray array(JsonObject parent, String field, String where, int max) {
        JsonElement value = parent.get(field);
        if (value == null || !value.isJsonArray() || value.getAsJsonArray().isEmpty()) {
            throw new InvalidBlocks(where + " has no " + field);
        }
        if (value.getAsJsonArray().size() > max) {
            throw new InvalidBlocks(where + " has " + value.getAsJsonArray().size() + " " + field + ", Slack takes at most " + max);
        }
        return value.getAsJsonArray();
    }

    private static String string(JsonObject parent, String field, String where) {
        JsonElement value = parent.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new InvalidBlocks(where + " has no " + field);
        }
        return value.getAsString();
    }
}
