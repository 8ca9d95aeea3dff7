package dev.sitrep.discord;

import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.IncidentId;
import java.util.Map;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The Resolve button's modal: the one argument of {@code resolve}, its summary, read back through
 * {@link Verb#read} like typed text (as Slack's form of the same name).
 */
final class ResolveModal {

    static final String ID = "incident_resolve";
    static final String SUMMARY = Verb.RESOLVE.arguments().get(0).name();
    /** As Slack's summary input, well within a text input's 4,000 (https://discord.com/developers/docs/components/reference#text-input). */
    static final int MAX_SUMMARY = 3000;

    private ResolveModal() {
    }

    static Modal modal(String id, IncidentId incident) {
        TextInput summary = TextInput.create(SUMMARY, TextInputStyle.PARAGRAPH).setRequired(true)
                .setMaxLength(MAX_SUMMARY).build();
        return Modal.create(id, "Resolve " + incident.label())
                .addComponents(Label.of(Verb.RESOLVE.arguments().get(0).description(), summary))
                .build();
    }

    /** {@code resolve <summary>} as submitted. */
    static Parsed command(ModalInteractionEvent event) {
        ModalMapping value = event.getValue(SUMMARY);
        return Verb.RESOLVE.read(Map.of(SUMMARY, value == null ? "" : value.getAsString()));
    }
}
