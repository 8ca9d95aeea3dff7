package dev.sitrep.discord;

import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The forms behind buttons: Post update answers with the update modal, Resolve with the summary
 * modal. The modal's custom_id carries the clicked button ({@code incident_resolve:sitrep:resolve:7},
 * at most 100 characters:
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal),
 * so its submission knows which click it finishes and nothing is kept in between.
 */
final class ButtonForms {

    private static final String SEPARATOR = ":";

    private ButtonForms() {
    }

    /** The modal a click on {@code button} answers with, or empty when the click runs its command at once. */
    static Optional<Modal> modalFor(Button button) {
        return switch (button.action()) {
            case POST_UPDATE -> Optional.of(UpdateModal.modal(UpdateModal.ID + SEPARATOR + button.id()));
            case RESOLVE -> Optional.of(ResolveModal.modal(ResolveModal.ID + SEPARATOR + button.id(), button.incident()));
            default -> Optional.empty();
        };
    }

    /** The button whose click opened the submitted modal; empty for the modal of a typed {@code /incident update}. */
    static Optional<Button> clickedFor(String modalId) {
        int at = modalId.indexOf(SEPARATOR + Button.PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        String form = modalId.substring(0, at);
        return Button.parse(modalId.substring(at + 1)).filter(b -> form.equals(formOf(b.action())));
    }

    /** What the modal of {@code button}'s click was filled in with, as the command it runs. */
    static Parsed read(ModalInteractionEvent event, Button button) {
        return button.action() == ButtonAction.RESOLVE ? ResolveModal.command(event) : UpdateModal.fields(event);
    }

    private static String formOf(ButtonAction action) {
        return switch (action) {
            case POST_UPDATE -> UpdateModal.ID;
            case RESOLVE -> ResolveModal.ID;
            default -> "";
        };
    }
}
