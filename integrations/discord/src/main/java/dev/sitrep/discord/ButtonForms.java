package dev.sitrep.discord;

import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

    /**
     * How long the check before Resolve's form may take: the form has to be Discord's first answer
     * within 3 s of the click, and the answer itself needs its own round trip; a check that takes
     * longer (Redis slow) lets the form open as it did without one.
     */
    static final Duration CHECK_BUDGET = Duration.ofMillis(1500);

    /** Off JDA's single event thread, which must not wait on Redis. Daemon: nothing to finish on shutdown. */
    private static final ExecutorService CHECKS = Executors.newFixedThreadPool(2, work -> {
        Thread thread = new Thread(work, "discord-form-check");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * What {@code check} finds within {@code budget}, on a thread of its own: a refusal, or empty when
     * it allows the form, failed, or was too slow (the submission is checked again either way).
     */
    static <T> CompletableFuture<Optional<T>> refusalWithin(Supplier<Optional<T>> check, Duration budget) {
        return CompletableFuture.supplyAsync(check, CHECKS)
                .completeOnTimeout(Optional.empty(), budget.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failed -> Optional.empty());
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
