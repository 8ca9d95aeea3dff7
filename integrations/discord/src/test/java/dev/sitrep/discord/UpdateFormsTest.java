package dev.sitrep.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.Verb;
import java.util.Arrays;
import java.util.List;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.Test;

/** {@code /incident update}'s options and the update modal are derived from {@link UpdateField}. */
class UpdateFormsTest {

    @Test
    void everyFieldIsAnOptionOfUpdateUnderItsKeyAndLabel() {
        SlashCommandData incident = (SlashCommandData) IncidentSlashCommand.definitions(List.of("comms")).get(0);
        SubcommandData update = incident.getSubcommands().stream()
                .filter(s -> s.getName().equals(Verb.UPDATE.word())).findFirst().orElseThrow();
        List<OptionData> options = update.getOptions();
        assertThat(options).extracting(OptionData::getName)
                .containsExactly(Arrays.stream(UpdateField.values()).map(UpdateField::key).toArray(String[]::new));
        for (UpdateField field : UpdateField.values()) {
            OptionData option = options.get(field.ordinal());
            assertThat(option.getDescription()).isEqualTo(field.label());
            assertThat(option.getType()).isEqualTo(OptionType.STRING);
            assertThat(option.isRequired()).isFalse();
            assertThat(option.getChoices()).extracting(c -> c.getAsString()).containsExactlyElementsOf(field.choices());
            if (field.choices().isEmpty()) {
                assertThat(option.getMaxLength()).isEqualTo(UpdateField.MAX_LENGTH);
            }
        }
    }

    @Test
    void everyVerbIsASubcommandWithItsArgumentsAsOptions() {
        SlashCommandData incident = (SlashCommandData) IncidentSlashCommand.definitions(List.of("comms")).get(0);
        assertThat(incident.getSubcommands()).extracting(SubcommandData::getName)
                .containsExactly(Arrays.stream(Verb.values()).map(Verb::word).toArray(String[]::new));
        for (Verb verb : Verb.values()) {
            SubcommandData sub = incident.getSubcommands().get(verb.ordinal());
            assertThat(sub.getOptions()).as(verb.word()).extracting(OptionData::getName, OptionData::isRequired)
                    .containsExactlyElementsOf(verb.arguments().stream()
                            .map(a -> org.assertj.core.groups.Tuple.tuple(a.name(), IncidentSlashCommand.required(verb, a)))
                            .toList());
        }
    }

    @Test
    void theModalAsksForTheCompactFieldsAndTheyFitDiscordsLimit() {
        assertThat(UpdateModal.FIELDS).isNotEmpty().hasSizeLessThanOrEqualTo(Modal.MAX_COMPONENTS)
                .containsExactlyElementsOf(Arrays.stream(UpdateField.values())
                        .filter(f -> f.compact() && f.kind() != UpdateField.Kind.STATUS).toList());
        Modal modal = UpdateModal.modal();
        assertThat(modal.getComponents()).hasSameSizeAs(UpdateModal.FIELDS);
        for (int i = 0; i < UpdateModal.FIELDS.size(); i++) {
            UpdateField field = UpdateModal.FIELDS.get(i);
            Label label = modal.getComponents().get(i).asLabel();
            TextInput input = label.getChild().asTextInput();
            assertThat(label.getLabel()).isEqualTo(field.label());
            assertThat(input.getCustomId()).isEqualTo(field.key());
            assertThat(input.getStyle()).isEqualTo(field.multiLine() ? TextInputStyle.PARAGRAPH : TextInputStyle.SHORT);
            assertThat(input.getMaxLength()).isEqualTo(UpdateField.MAX_LENGTH);
        }
    }
}
