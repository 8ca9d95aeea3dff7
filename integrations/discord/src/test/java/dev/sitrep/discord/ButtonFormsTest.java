package dev.sitrep.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.Test;

/** The forms of Post update and Resolve fit Discord's modal limits and name the click they finish. */
class ButtonFormsTest {

    /** The largest incident number a button can carry, so the longest ids. */
    private static final IncidentId BIG = new IncidentId(999_999_999_999_999_999L);

    @Test
    void postUpdateAndResolveAnswerWithAFormThatNamesTheirButton() {
        for (ButtonAction action : new ButtonAction[] {ButtonAction.POST_UPDATE, ButtonAction.RESOLVE}) {
            Button button = new Button(action, BIG);
            Modal modal = ButtonForms.modalFor(button).orElseThrow();
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal:
            // custom_id at most 100, title at most 45, 1 to 5 components;
            // https://discord.com/developers/docs/components/reference#label: a label at most 45.
            assertThat(modal.getId()).hasSizeLessThanOrEqualTo(100);
            assertThat(modal.getTitle()).hasSizeLessThanOrEqualTo(45);
            assertThat(modal.getComponents()).hasSizeBetween(1, 5);
            modal.getComponents().forEach(c -> assertThat(c.asLabel().getLabel()).hasSizeBetween(1, 45));
            assertThat(ButtonForms.clickedFor(modal.getId())).contains(button);
        }
    }

    @Test
    void theSummaryFormAsksForWhatFixedIt() {
        Modal modal = ButtonForms.modalFor(new Button(ButtonAction.RESOLVE, new IncidentId(7))).orElseThrow();
        assertThat(modal.getTitle()).isEqualTo("Resolve INC-7");
        Label summary = modal.getComponents().get(0).asLabel();
        assertThat(summary.getLabel()).isEqualTo("What fixed it");
        assertThat(summary.getChild().asTextInput().getCustomId()).isEqualTo(ResolveModal.SUMMARY);
    }

    @Test
    void otherButtonsRunAtOnceAndOtherModalsNameNoClick() {
        assertThat(ButtonForms.modalFor(new Button(ButtonAction.SNOOZE_15M, new IncidentId(7)))).isEmpty();
        assertThat(ButtonForms.clickedFor(UpdateModal.ID)).isEmpty();
        assertThat(ButtonForms.clickedFor("incident_update:sitrep:resolve:7")).as("a form of another button").isEmpty();
        assertThat(ButtonForms.clickedFor("incident_resolve:sitrep:nonsense:7")).isEmpty();
    }
}
