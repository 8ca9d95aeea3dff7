package dev.sitrep.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/** The blocks of a message Slack sent back (a click's {@code message}) as the JSON they were posted as. */
final class SlackBlocksJson {

    /** Slack's own mapping of its block model (snake_case, its type adapters). */
    private static final Gson SLACK = GsonFactory.createSnakeCase();

    private SlackBlocksJson() {
    }

    static List<JsonObject> of(List<LayoutBlock> blocks) {
        return blocks.stream().map(b -> SLACK.toJsonTree(b).getAsJsonObject()).toList();
    }
}
