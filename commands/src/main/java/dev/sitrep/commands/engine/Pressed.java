package dev.sitrep.commands.engine;

import dev.sitrep.commands.message.Clicked;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a button press came to, for the platform to show on the clicked message. The clicker's
 * private answers (a refusal, a failure) were already sent by the engine, as for typed commands.
 *
 * @param outcome what happened
 * @param shown   the line the clicked message shows instead of its buttons, or null to leave it as it is
 */
public record Pressed(Outcome outcome, @Nullable String shown, @Nullable Clicked clicked) {

    public enum Outcome {
        /** The command ran: the message shows {@link Clicked#summary()} and the time, without buttons. */
        DONE,
        /** A form was opened; its submission runs the command (and may then edit the message). */
        FORM_OPENED,
        /** Refused or failed: the clicker was told privately; the message and its buttons stay. */
        REFUSED,
        /** The incident is resolved: the clicker was told, and the message shows "INC-7 is resolved" without buttons. */
        INCIDENT_RESOLVED,
        /**
         * Someone decided about the triaged alert group first: the clicker was told who, and the message
         * shows that decision ({@link #click()}: "Declared INC-7 by alice" and its time) without buttons.
         */
        ALREADY_DECIDED
    }

    public Pressed {
        Objects.requireNonNull(outcome, "outcome");
    }

    static Pressed done(Clicked clicked) {
        return new Pressed(Outcome.DONE, clicked.summary(), clicked);
    }

    static Pressed formOpened() {
        return new Pressed(Outcome.FORM_OPENED, null, null);
    }

    static Pressed refused() {
        return new Pressed(Outcome.REFUSED, null, null);
    }

    static Pressed decided(Clicked earlier) {
        return new Pressed(Outcome.ALREADY_DECIDED, earlier.summary(), earlier);
    }

    static Pressed resolved(String shown) {
        return new Pressed(Outcome.INCIDENT_RESOLVED, shown, null);
    }

    public Optional<Clicked> click() {
        return Optional.ofNullable(clicked);
    }
}
