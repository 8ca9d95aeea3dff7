package dev.sitrep.slack;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Buttons;
import dev.sitrep.commands.message.Message;
import dev.sitrep.templates.TemplateRenderer;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every Slack message as Block Kit plus its plain {@code text} fallback (what notifications and
 * screen readers show: https://api.slack.com/methods/chat.postMessage#text-usage). The blocks come from
 * {@code slack-blocks/<template>.ftl} where there is one (the operator's first), else the message's
 * mrkdwn text as one section; the message's buttons ({@link Buttons}) are appended as an actions
 * block; then {@link BlockLimits} cuts over-long text and refuses what Slack would.
 */
final class BlockKit {

    /** Compact, and {@code < > &} written as they are (the JSON is the same; the payload stays readable). */
    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

    private final TemplateRenderer blocks;
    private final TemplateRenderer text;

    BlockKit(TemplateRenderer blocks, TemplateRenderer text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** A message ready for chat.postMessage: {@code blocks} as a JSON array and {@code text}. */
    record Rendered(String blocks, String text) {
    }

    Rendered render(Message message) {
        String fallback = text.render(message);
        JsonArray array = blocks.hasOwn(message) ? parse(blocks.render(message), blocks.ownName(message))
                : textSection(fallback);
        List<Button> buttons = Buttons.of(message);
        if (!buttons.isEmpty()) {
            array.add(actions(buttons));
        }
        try {
            BlockLimits.fit(array);
        } catch (BlockLimits.InvalidBlocks e) {
            throw new IllegalStateException("Template " + name(message) + " renders blocks Slack refuses: " + e.getMessage(), e);
        }
        return new Rendered(GSON.toJson(array), fallback);
    }

    /** The template errors name: the block template where there is one, else the text template it wraps. */
    String name(Message message) {
        return blocks.hasOwn(message) ? blocks.ownName(message) : message.template() + ".ftl";
    }

    /**
     * At startup: every operator's {@code slack-blocks/} template of these sample messages renders
     * blocks Slack takes, or sitrep does not start, and says which template is wrong.
     */
    void checkOperatorTemplates(List<Message> samples) {
        for (Message sample : samples) {
            if (blocks.operatorOverrides(sample)) {
                render(sample);
            }
        }
    }

    /** The clicked message, edited: its blocks without buttons, and what happened (and when) as a context line. */
    static String afterClick(List<JsonObject> original, String shown, @Nullable Instant at) {
        JsonArray edited = new JsonArray();
        original.stream().filter(b -> !"actions".equals(b.has("type") ? b.get("type").getAsString() : "")).forEach(edited::add);
        JsonObject context = new JsonObject();
        context.addProperty("type", "context");
        JsonArray elements = new JsonArray();
        elements.add(textObject("mrkdwn", ":ballot_box_with_check: " + SlackBlocksDialect.mrkdwn(shown)
                + (at == null ? "" : " " + new SlackDialect().time(at))));
        context.add("elements", elements);
        edited.add(context);
        while (edited.size() > BlockLimits.MAX_BLOCKS) {
            edited.remove(edited.size() - 2);
        }
        return GSON.toJson(BlockLimits.fit(edited));
    }

    private static JsonArray parse(String json, String template) {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = GSON.fromJson(reader, JsonElement.class);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the array");
            }
            if (element == null || !element.isJsonArray()) {
                throw new JsonParseException("not a JSON array of blocks");
            }
            return element.getAsJsonArray();
        } catch (JsonParseException | IOException e) {
            throw new IllegalStateException("Template " + template + " renders invalid JSON: " + e.getMessage(), e);
        }
    }

    private static JsonArray textSection(String mrkdwn) {
        JsonObject section = new JsonObject();
        section.addProperty("type", "section");
        section.add("text", textObject("mrkdwn", mrkdwn));
        JsonArray array = new JsonArray();
        array.add(section);
        return array;
    }

    /** https://api.slack.com/reference/block-kit/blocks#actions with https://api.slack.com/reference/block-kit/block-elements#button */
    private static JsonObject actions(List<Button> buttons) {
        JsonArray elements = new JsonArray();
        for (Button button : buttons) {
            JsonObject element = new JsonObject();
            element.addProperty("type", "button");
            element.add("text", textObject("plain_text", button.label()));
            element.addProperty("action_id", button.id());
            element.addProperty("value", button.id());
            if (button.action().style() != ButtonAction.Style.DEFAULT) {
                element.addProperty("style", button.action().style() == ButtonAction.Style.PRIMARY ? "primary" : "danger");
            }
            elements.add(element);
        }
        JsonObject block = new JsonObject();
        block.addProperty("type", "actions");
        block.addProperty("block_id", "sitrep-buttons");
        block.add("elements", elements);
        return block;
    }

    private static JsonObject textObject(String type, String value) {
        JsonObject text = new JsonObject();
        text.addProperty("type", type);
        text.addProperty("text", value);
        return text;
    }
}
