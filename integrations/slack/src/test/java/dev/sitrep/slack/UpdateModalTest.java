package dev.sitrep.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.util.json.GsonFactory;
import dev.sitrep.commands.Command;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The modal is derived from {@link UpdateField}: every field is asked for, read back and checked by its own rule. */
class UpdateModalTest {

    private static final Incident INCIDENT = Incident.declare(new IncidentId(4), "Checkout errors", Severity.SEV2,
            false, new Member("slack", "U9", "alice"), Instant.parse("2026-11-23T10:00:00Z"), Duration.ofMinutes(15));

    @Test
    void everyFieldHasAnInputUnderItsKeyAndLabel() {
        View view = UpdateModal.view(INCIDENT, FormOrigin.typed("C7"));
        List<InputBlock> inputs = view.getBlocks().stream().map(InputBlock.class::cast).toList();
        assertThat(inputs).extracting(InputBlock::getBlockId)
                .containsExactly(java.util.Arrays.stream(UpdateField.values()).map(UpdateField::key).toArray(String[]::new));
        for (UpdateField field : UpdateField.values()) {
            InputBlock input = inputs.get(field.ordinal());
            assertThat(input.getLabel().getText()).isEqualTo(field.label());
            assertThat(input.isOptional()).isTrue();
            if (!field.choices().isEmpty()) {
                StaticSelectElement select = (StaticSelectElement) input.getElement();
                assertThat(select.getActionId()).isEqualTo(field.key());
                assertThat(select.getOptions()).extracting(o -> o.getValue()).containsExactlyElementsOf(field.choices());
            } else {
                PlainTextInputElement text = (PlainTextInputElement) input.getElement();
                assertThat(text.getActionId()).isEqualTo(field.key());
                assertThat(text.isMultiline()).isEqualTo(field.multiLine());
                assertThat(text.getMaxLength()).isEqualTo(field.isText() ? UpdateField.MAX_LENGTH : null);
            }
        }
    }

    @Test
    void everyFieldIsReadBackFromASubmission() {
        Map<UpdateField, String> typed = new LinkedHashMap<>();
        for (UpdateField field : UpdateField.values()) {
            typed.put(field, switch (field.kind()) {
                case PARAGRAPH, LINE -> "text for " + field.key();
                case STATUS -> field.choices().get(field.choices().size() - 1);
                case DURATION -> "45m";
                case YES_NO -> "yes";
            });
        }
        ViewState state = submitted(typed);
        assertThat(UpdateModal.errors(state)).isEmpty();
        UpdateFields fields = ((Command.PostUpdate) UpdateModal.update(state)).fields();
        typed.forEach((field, value) -> assertThat(field.valueIn(fields)).as(field.key()).isEqualTo(value));
    }

    @Test
    void eachBrokenFieldIsNamedUnderItsOwnBlock() {
        ViewState state = submitted(Map.of(UpdateField.CONFIRMED, "x".repeat(UpdateField.MAX_LENGTH + 1),
                UpdateField.NEXT, "8d"));
        assertThat(UpdateModal.errors(state)).containsOnly(
                Map.entry("confirmed", UpdateField.CONFIRMED.problem("x".repeat(UpdateField.MAX_LENGTH + 1)).orElseThrow()),
                Map.entry("next", "'next: 8d' is not a duration between 1s and 7d (e.g. 30m, 1h)."));
        assertThat(UpdateModal.errors(submitted(Map.of(UpdateField.NEXT, "30m"))))
                .containsOnly(Map.entry(UpdateModal.FIRST_BLOCK, UpdateFields.EMPTY_FORM));
    }

    /**
     * The view's state as Slack sends it in a view_submission: values by block id, then action id
     * (https://api.slack.com/reference/interaction-payloads/views#view_submission), a select's choice
     * under selected_option (https://api.slack.com/reference/block-kit/block-elements#static_select).
     */
    private static ViewState submitted(Map<UpdateField, String> typed) {
        StringBuilder json = new StringBuilder("{\"values\":{");
        String separator = "";
        for (UpdateField field : UpdateField.values()) {
            String value = typed.get(field);
            String action = !field.choices().isEmpty()
                    ? value == null ? "{\"type\":\"static_select\",\"selected_option\":null}"
                    : "{\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\""
                            + value + "\"},\"value\":\"" + value + "\"}}"
                    : "{\"type\":\"plain_text_input\",\"value\":" + (value == null ? "null" : "\"" + value + "\"") + "}";
            json.append(separator).append('"').append(field.key()).append("\":{\"").append(field.key()).append("\":")
                    .append(action).append('}');
            separator = ",";
        }
        return GsonFactory.createSnakeCase().fromJson(json.append("}}").toString(), ViewState.class);
    }
}
