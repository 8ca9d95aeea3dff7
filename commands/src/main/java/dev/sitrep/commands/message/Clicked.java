package dev.sitrep.commands.message;

import dev.sitrep.commands.incident.Member;
import java.time.Instant;
import java.util.Objects;

/**
 * A button whose command went through: the clicked message is edited to show this instead of its
 * buttons ("Update posted by bob 10:42"), so nobody clicks a stale one. Each platform writes the
 * time its own way (Slack {@code <!date^…>}, Discord {@code <t:…>}, the console's clock).
 */
public record Clicked(Button button, Member by, Instant at) {

    public Clicked {
        Objects.requireNonNull(button, "button");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    /** "Update posted by bob", "Declared INC-7 by bob": the platform appends the time. */
    public String summary() {
        return button.done() + " by " + by.displayName();
    }
}
