package dev.sitrep.discord;

import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.Buttons;
import dev.sitrep.commands.message.Clicked;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.templates.TemplateRenderer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What sitrep says, as a Discord message: the rendered text in an embed titled with the incident
 * and coloured by its severity. Mentions inside embeds never ping; the one person a message means
 * to notify is named in the content and is the only user allowed_mentions lists, so nothing from
 * user text pings anyone.
 */
final class MessageComposer {

    private final TemplateRenderer renderer;

    MessageComposer(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    DiscordMessage compose(Message message, String nonce) {
        Incident incident = message.incident();
        List<String> pings = pings(message);
        DiscordMessage.Embed embed = new DiscordMessage.Embed(incident == null ? null : incident.id().label(),
                DiscordMessage.limit(fitted(message), DiscordMessage.MAX_DESCRIPTION), color(incident));
        List<String> roles = rolePings(message);
        String content = String.join(" ", java.util.stream.Stream.concat(pings.stream().map(id -> "<@" + id + ">"),
                roles.stream().map(id -> "<@&" + id + ">")).toList());
        return new DiscordMessage(content, List.of(embed), buttons(message), pings, roles, nonce);
    }

    /** The message's buttons ({@link Buttons}), each its {@link Button#id()} as the custom_id a click brings back. */
    static List<DiscordMessage.ButtonComponent> buttons(Message message) {
        return Buttons.of(message).stream().map(b -> new DiscordMessage.ButtonComponent(b.id(), b.label(),
                switch (b.action().style()) {
                    case PRIMARY -> 1;
                    case DEFAULT -> 2;
                    case DANGER -> 4;
                })).toList();
    }

    /** What a clicked message shows instead of its buttons: "Update posted by bob" and the time, in Discord's own form. */
    String clicked(Clicked clicked) {
        return clicked.summary() + " " + renderer.dialect().time(clicked.at());
    }

    /**
     * The rendered text, fitted into one embed. Six full update fields (1,000 characters each) do not
     * fit in Discord's 4,096: instead of cutting the tail, which would drop the last fields (risk,
     * impact) entirely, every field is shortened alike, each visibly with "…", until the update fits.
     * The full text stays on the timeline, the dashboard and the postmortem.
     */
    private String fitted(Message message) {
        String text = renderer.render(message);
        if (!(message instanceof Messages.UpdatePosted posted) || text.length() <= DiscordMessage.MAX_DESCRIPTION) {
            return text;
        }
        int longest = UpdateField.givenIn(posted.update()).values().stream().mapToInt(String::length).max().orElse(0);
        for (int budget = longest; budget > 1 && text.length() > DiscordMessage.MAX_DESCRIPTION; ) {
            budget = Math.max(1, budget - Math.max(16, (text.length() - DiscordMessage.MAX_DESCRIPTION) / 6 + 1));
            int each = budget;
            text = renderer.render(new Messages.UpdatePosted(posted.incident(),
                    posted.update().mapText(field -> DiscordMessage.limit(field, each))));
        }
        return text;
    }

    String render(Message message) {
        return renderer.render(message);
    }

    /**
     * Whom a message should actually notify: the commander when an update is due or overdue or
     * they were just made commander, the new holder of a role. Every other mention only renders.
     */
    static List<String> pings(Message message) {
        Member who = null;
        if (message instanceof Messages.RoleAssigned assigned) {
            who = assigned.member();
        } else if (message instanceof Messages.Kickoff || message instanceof Messages.UpdateOverdue
                || message instanceof Messages.UpdatesEscalated) {
            who = message.incident().commander().orElse(null);
        }
        return who != null && DiscordDialect.isSnowflake(who.id()) ? List.of(who.id()) : List.of();
    }

    /** The kick-off calls the service's owners role (its members were given the channel with it). */
    static List<String> rolePings(Message message) {
        if (!(message instanceof Messages.Kickoff) || message.incident().service() == null) {
            return List.of();
        }
        String role = message.incident().service().ownerGroupOn(DiscordChatPlatform.NAME);
        return role != null && DiscordDialect.isSnowflake(role) ? List.of(role) : List.of();
    }

    /** RGB: Discord's blurple without an incident, green once resolved, else by severity. */
    static int color(@Nullable Incident incident) {
        if (incident == null) {
            return 0x5865F2;
        }
        if (!incident.isOpen()) {
            return 0x2ECC71;
        }
        return incident.severity() == Severity.SEV1 ? 0xE74C3C
                : incident.severity() == Severity.SEV2 ? 0xE67E22
                : incident.severity() == Severity.SEV3 ? 0xF1C40F : 0x95A5A6;
    }
}
