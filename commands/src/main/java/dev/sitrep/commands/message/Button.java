package dev.sitrep.commands.message;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One button on one posted message: what it does, for which incident, and for {@link
 * ButtonAction#ACTION_DONE} which action item. Its {@link #id()} is all a platform stores on the
 * button (Slack {@code action_id}, Discord {@code custom_id}, a console choice), and {@link
 * #parse} reads it back from a click, so a click needs no state kept anywhere.
 */
public record Button(ButtonAction action, IncidentId incident, int item) {

    /** Every id starts with this, so a platform can tell sitrep's buttons from anything else it receives. */
    public static final String PREFIX = "sitrep:";

    private static final Pattern ID = Pattern.compile("sitrep:([a-z0-9-]+):([0-9]{1,18})(?::([0-9]{1,9}))?");

    public Button {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(incident, "incident");
        if ((action == ButtonAction.ACTION_DONE) != (item > 0)) {
            throw new IllegalArgumentException(action.id() + (item > 0 ? " takes no action item" : " needs an action item"));
        }
    }

    public Button(ButtonAction action, IncidentId incident) {
        this(action, incident, 0);
    }

    /**
     * {@code sitrep:<action>:<incident number>[:<item>]}, e.g. {@code sitrep:snooze-15m:7} or
     * {@code sitrep:action-done:7:3}: at most 50 characters, within Slack's 255 for an
     * {@code action_id} and Discord's 100 for a {@code custom_id}; unique within one message.
     */
    public String id() {
        return PREFIX + action.id() + ":" + incident.number() + (item > 0 ? ":" + item : "");
    }

    public String label() {
        return action.label();
    }

    /** A button from a click's id; empty for anything sitrep did not post (or an action since removed). */
    public static Optional<Button> parse(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<ButtonAction> action = ButtonAction.of(m.group(1));
        int item = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (action.isEmpty() || (action.get() == ButtonAction.ACTION_DONE) != (item > 0)) {
            return Optional.empty();
        }
        return IncidentId.parse(m.group(2)).map(incident -> new Button(action.get(), incident, item));
    }

    /** The command of the command language this click runs on behalf of {@code clicker}. */
    public Command command(Member clicker) {
        return action.command(clicker, incident, item);
    }

    /** What the clicked message shows once it went through: "Update posted", "Declared INC-7" (the platform adds who and when). */
    public String done() {
        return action == ButtonAction.DECLARE_ALERTS ? action.done() + " " + incident : action.done();
    }
}
