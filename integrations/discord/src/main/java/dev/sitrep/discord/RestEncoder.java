package dev.sitrep.discord;

import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A {@link DiscordMessage} as the JSON body of Create Message, for {@link DiscordRest} on replicas
 * without the gateway: field for field what {@link JdaEncoder} makes JDA send
 * (https://discord.com/developers/docs/resources/message#create-message).
 */
final class RestEncoder {

    private RestEncoder() {
    }

    static DataObject encode(DiscordMessage message) {
        DataArray embeds = DataArray.empty();
        for (DiscordMessage.Embed e : message.embeds()) {
            DataObject embed = DataObject.empty().put("description", e.description()).put("color", e.color());
            if (e.title() != null) {
                embed.put("title", e.title());
            }
            embeds.add(embed);
        }
        DataArray rows = DataArray.empty();
        for (var row : message.rows()) {
            DataArray buttons = DataArray.empty();
            for (DiscordMessage.ButtonComponent b : row) {
                // https://discord.com/developers/docs/interactions/message-components#button-object
                buttons.add(DataObject.empty().put("type", 2).put("label", b.label()).put("style", b.style())
                        .put("disabled", false).put("custom_id", b.customId()));
            }
            // https://discord.com/developers/docs/interactions/message-components#action-rows
            rows.add(DataObject.empty().put("type", 1).put("components", buttons));
        }
        // parse: [] turns off @everyone, roles and users written in the text; only the listed users and roles may be
        // pinged (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
        DataObject mentions = DataObject.empty().put("parse", DataArray.empty()).put("replied_user", false);
        if (!message.mentionUsers().isEmpty()) {
            mentions.put("users", DataArray.fromCollection(message.mentionUsers()));
        }
        if (!message.mentionRoles().isEmpty()) {
            mentions.put("roles", DataArray.fromCollection(message.mentionRoles()));
        }
        return DataObject.empty()
                .put("content", message.content())
                .put("embeds", embeds)
                .put("components", rows)
                .put("tts", false)
                .put("flags", 0)
                .put("allowed_mentions", mentions)
                // https://discord.com/developers/docs/resources/message#create-message-jsonform-params: with
                // enforce_nonce a repeated nonce within a few minutes returns the first message instead of a second.
                .put("nonce", message.nonce())
                .put("enforce_nonce", true);
    }
}
