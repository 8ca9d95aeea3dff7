package dev.sitrep.discord;

import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.UpdateFields;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The structured update as a Discord modal. A modal takes at most five components
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal),
 * ({@link Modal#MAX_COMPONENTS}), so it shows the {@link UpdateField#compact() compact} fields
 * that are typed in; the others (and the status choice) stay options of {@code /incident update}.
 */
final class UpdateModal {

    static final String ID = "incident_update";
    /** The fields the modal asks for, in the order of {@link UpdateField}. */
    static final List<UpdateField> FIELDS = Arrays.stream(UpdateField.values())
            .filter(f -> f.compact() && f.kind() != UpdateField.Kind.STATUS).toList();

    private UpdateModal() {
    }

    static Modal modal() {
        return modal(ID);
    }

    /** {@code id}: {@link #ID}, or the id {@link ButtonForms} gives the form of a click. */
    static Modal modal(String id) {
        return Modal.create(id, "Status update")
                .addComponents(FIELDS.stream().map(f -> Label.of(f.label(), input(f))).toList())
                .build();
    }

    private static TextInput input(UpdateField field) {
        return TextInput.create(field.key(), field.multiLine() ? TextInputStyle.PARAGRAPH : TextInputStyle.SHORT)
                .setRequired(false).setMaxLength(UpdateField.MAX_LENGTH).setPlaceholder(field.placeholder()).build();
    }

    static Parsed fields(ModalInteractionEvent event) {
        Map<UpdateField, String> values = new EnumMap<>(UpdateField.class);
        for (UpdateField field : FIELDS) {
            ModalMapping value = event.getValue(field.key());
            if (value != null) {
                values.put(field, value.getAsString());
            }
        }
        return UpdateFields.readForm(values);
    }
}
