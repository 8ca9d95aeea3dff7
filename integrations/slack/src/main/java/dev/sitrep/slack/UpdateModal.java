package dev.sitrep.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.sitrep.commands.Command;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.incident.Incident;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structured-update modal: one input per {@link UpdateField} (block and action id = the field's
 * key), read back and checked by the same rules as the typed command.
 */
final class UpdateModal {

    static final String CALLBACK_ID = "incident_update";
    /** The block a message about the whole form is shown under. */
    static final String FIRST_BLOCK = UpdateField.values()[0].key();

    private UpdateModal() {
    }

    static View view(Incident incident, FormOrigin origin) {
        List<LayoutBlock> blocks = Arrays.stream(UpdateField.values())
                .<LayoutBlock>map(f -> input(i -> i.blockId(f.key()).optional(true).label(plainText(f.label()))
                        .element(element(f, incident))))
                .toList();
        String title = "Update " + incident.id().label();
        return com.slack.api.model.view.Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(origin.metadata())
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post update")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    private static BlockElement element(UpdateField field, Incident incident) {
        return switch (field.kind()) {
            case STATUS -> staticSelect(s -> s.actionId(field.key()).placeholder(plainText(incident.status().word()))
                    .options(field.choices().stream().map(c -> option(plainText(c), c)).toList()));
            case PARAGRAPH, LINE -> plainTextInput(p -> p.actionId(field.key()).multiline(field.multiLine())
                    .maxLength(UpdateField.MAX_LENGTH));
            case DURATION -> plainTextInput(p -> p.actionId(field.key()).placeholder(plainText(field.placeholder())));
            case YES_NO -> staticSelect(s -> s.actionId(field.key()).placeholder(plainText(field.placeholder()))
                    .options(field.choices().stream().map(c -> option(plainText(c), c)).toList()));
        };
    }

    /** Field errors to show in the modal (block id → message); empty when the input is fine. */
    static Map<String, String> errors(ViewState state) {
        Map<UpdateField, String> values = values(state);
        Map<String, String> errors = new LinkedHashMap<>();
        values.forEach((field, value) -> field.problem(value).ifPresent(p -> errors.put(field.key(), p)));
        if (UpdateFields.saysNothing(values)) {
            errors.put(FIRST_BLOCK, UpdateFields.EMPTY_FORM);
        }
        return errors;
    }

    /** The update as submitted; call after {@link #errors} found none. */
    static Command update(ViewState state) {
        Parsed parsed = UpdateFields.readForm(values(state));
        if (parsed instanceof Parsed.Ok ok) {
            return ok.command();
        }
        throw new IllegalStateException("The update form was read without checking it: " + parsed);
    }

    private static Map<UpdateField, String> values(ViewState state) {
        Map<UpdateField, String> values = new EnumMap<>(UpdateField.class);
        for (UpdateField field : UpdateField.values()) {
            String text = text(state, field.key());
            if (text != null) {
                values.put(field, text);
            }
        }
        return values;
    }

    private static String text(ViewState state, String block) {
        Map<String, ViewState.Value> values = state.getValues().get(block);
        if (values == null || values.get(block) == null) {
            return null;
        }
        ViewState.Value value = values.get(block);
        String text = value.getSelectedOption() != null ? value.getSelectedOption().getValue() : value.getValue();
        return text == null || text.isBlank() ? null : text.strip();
    }
}
