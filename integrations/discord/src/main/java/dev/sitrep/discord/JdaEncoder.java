package dev.sitrep.discord;

import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/** A {@link DiscordMessage} as JDA sends it on the replica holding the gateway. */
final class JdaEncoder {

    private JdaEncoder() {
    }

    static MessageCreateData encode(DiscordMessage message) {
        List<MessageEmbed> embeds = message.embeds().stream().map(e -> new EmbedBuilder().setTitle(e.title())
                .setDescription(e.description()).setColor(e.color()).build()).toList();
        List<ActionRow> rows = message.rows().stream().map(row -> ActionRow.of(row.stream()
                .map(b -> Button.of(ButtonStyle.fromKey(b.style()), b.customId(), b.label())).toList())).toList();
        return new MessageCreateBuilder().setContent(message.content()).setEmbeds(embeds).setComponents(rows)
                .setAllowedMentions(List.of()).mentionUsers(message.mentionUsers()).mentionRoles(message.mentionRoles()).mentionRepliedUser(false).build();
    }

    /** JDA puts the nonce and {@code enforce_nonce} next to the message's own fields. */
    static MessageCreateAction send(MessageChannel channel, DiscordMessage message) {
        return channel.sendMessage(encode(message)).setNonce(message.nonce());
    }
}
