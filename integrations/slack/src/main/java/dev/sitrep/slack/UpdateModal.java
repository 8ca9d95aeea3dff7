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
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The structured-update modal: one input per field of the update, read back into {@link UpdateFields}. */
final class UpdateModal {

    static final String CALLBACK_ID = "incident_update";
    /** The block a message about the whole form is shown under. */
    static final String FIRST_BLOCK = "confirmed";
    private static final Map<String, String> TEXT_FIELDS = new LinkedHashMap<>();

    static {
        TEXT_FIELDS.put("confirmed", "What we can confirm");
        TEXT_FIELDS.put("suspected", "What we suspect");
        TEXT_FIELDS.put("verifying", "What we still have to verify");
        TEXT_FIELDS.put("actions", "What to do now");
        TEXT_FIELDS.put("risk", "What the next step risks");
        TEXT_FIELDS.put("impact", "Impact");
    }

    private UpdateModal() {
    }

    static View view(Incident incident, ChannelRef channel) {
        List<LayoutBlock> blocks = new ArrayList<>();
        TEXT_FIELDS.forEach((id, label) -> blocks.add(input(i -> i.blockId(id).optional(true).label(plainText(label))
                .element(plainTextInput(p -> p.actionId(id).multiline(!id.equals("impact")))))));
        blocks.add(input(i -> i.blockId("status").optional(true).label(plainText("Status"))
                .element(staticSelect(s -> s.actionId("status").placeholder(plainText(incident.status().word()))
                        .options(Arrays.stream(Status.values()).filter(st -> st != Status.RESOLVED)
                                .map(st -> option(plainText(st.word()), st.word())).toList())))));
        blocks.add(input(i -> i.blockId("next").optional(true).label(plainText("Next update in (e.g. 30m)"))
                .element(plainTextInput(p -> p.actionId("next")))));
        String title = "Update " + incident.id().label();
        return com.slack.api.model.view.Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(channel.id())
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post update")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** Field errors to show in the modal (block id → message); empty when the input is fine. */
    static Map<String, String> errors(ViewState state) {
        Map<String, String> errors = new LinkedHashMap<>();
        String next = text(state, "next");
        if (next != null && DurationText.parse(next).filter(d -> !d.isZero() && d.compareTo(Duration.ofDays(7)) <= 0)
                .isEmpty()) {
            errors.put("next", "Write a duration between 1s and 7d, e.g. 30m or 1h.");
        }
        if (TEXT_FIELDS.keySet().stream().allMatch(f -> text(state, f) == null) && text(state, "status") == null) {
            errors.put(FIRST_BLOCK, "Fill in at least one field.");
        }
        return errors;
    }

    static UpdateFields fields(ViewState state) {
        Status status = Optional.ofNullable(text(state, "status")).flatMap(Status::parse).orElse(null);
        Duration next = Optional.ofNullable(text(state, "next")).flatMap(DurationText::parse).orElse(null);
        return new UpdateFields(text(state, "confirmed"), text(state, "suspected"), text(state, "verifying"),
                text(state, "actions"), text(state, "risk"), text(state, "impact"), status, next);
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
