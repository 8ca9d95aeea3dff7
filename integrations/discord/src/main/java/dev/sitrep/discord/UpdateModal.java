package dev.sitrep.discord;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.CommandParser;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/** The structured update as a Discord modal (five inputs at most, so the rarer fields stay options). */
final class UpdateModal {

    static final String ID = "incident_update";

    private UpdateModal() {
    }

    static Modal modal() {
        return Modal.create(ID, "Status update")
                .addComponents(
                        Label.of("What we can confirm", input("confirmed", TextInputStyle.PARAGRAPH)),
                        Label.of("What we suspect", input("suspected", TextInputStyle.PARAGRAPH)),
                        Label.of("What to do now", input("actions", TextInputStyle.PARAGRAPH)),
                        Label.of("Impact", input("impact", TextInputStyle.SHORT)),
                        Label.of("Next update in (e.g. 30m)", input("next", TextInputStyle.SHORT)))
                .build();
    }

    private static TextInput input(String id, TextInputStyle style) {
        return TextInput.create(id, style).setRequired(false).setMaxLength(1000).build();
    }

    static Parsed fields(ModalInteractionEvent event) {
        Duration next = null;
        Optional<String> nextText = value(event, "next");
        if (nextText.isPresent()) {
            Optional<Duration> parsed = CommandParser.boundedDuration(nextText.get());
            if (parsed.isEmpty()) {
                return new Parsed.Invalid("'next: " + nextText.get() + "' is not a duration between 1s and 7d.", Verb.UPDATE);
            }
            next = parsed.get();
        }
        UpdateFields fields = new UpdateFields(value(event, "confirmed").orElse(null), value(event, "suspected").orElse(null),
                null, value(event, "actions").orElse(null), null, value(event, "impact").orElse(null), (Status) null, next);
        if (!fields.hasText()) {
            return new Parsed.Invalid("The update was empty; fill in at least one field.", Verb.UPDATE);
        }
        return new Parsed.Ok(new Command.PostUpdate(fields));
    }

    private static Optional<String> value(ModalInteractionEvent event, String id) {
        return Optional.ofNullable(event.getValue(id)).map(ModalMapping::getAsString).map(String::strip)
                .filter(s -> !s.isEmpty());
    }
}
