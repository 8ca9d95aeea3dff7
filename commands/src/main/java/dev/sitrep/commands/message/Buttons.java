package dev.sitrep.commands.message;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import java.util.List;

/**
 * Which messages carry which buttons, decided here once so every platform shows the same ones.
 * Only messages posted in the incident's own channel carry buttons: a click runs like a command
 * typed where the message is, and the broadcast channel is no incident's channel. The one exception
 * is an alert group posted for triage: its *Declare incident* and *Dismiss* decide about the group.
 */
public final class Buttons {

    private static final List<ButtonAction> KICKOFF =
            List.of(ButtonAction.POST_UPDATE, ButtonAction.TAKE_COMMAND, ButtonAction.RESOLVE);
    private static final List<ButtonAction> REMINDER =
            List.of(ButtonAction.POST_UPDATE, ButtonAction.SNOOZE_15M, ButtonAction.TAKE_COMMAND);

    private Buttons() {
    }

    /**
     * The buttons of {@code message}, in the order shown; empty for messages without any, and for
     * the open-incident buttons of an incident already resolved when the message is rendered.
     */
    public static List<Button> of(Message message) {
        List<Button> buttons = List.of();
        if (message instanceof Messages.Kickoff m) {
            buttons = all(KICKOFF, m.incident().id());
        } else if (message instanceof Messages.UpdateOverdue m) {
            buttons = all(REMINDER, m.incident().id());
        } else if (message instanceof Messages.UpdatesEscalated m) {
            buttons = all(REMINDER, m.incident().id());
        } else if (message instanceof Messages.ActionAdded m && !m.item().done()) {
            buttons = List.of(new Button(ButtonAction.ACTION_DONE, m.incident().id(), m.item().number()));
        } else if (message instanceof Messages.PostmortemOverdue m) {
            buttons = List.of(new Button(ButtonAction.POSTMORTEM_DONE, m.incident().id()));
        } else if (message instanceof AlertMessages.AlertsChanged m && m.allResolved()) {
            // "All alerts resolved — resolve?": the answer is one click away (it asks for the summary).
            buttons = List.of(new Button(ButtonAction.RESOLVE, m.incident().id()));
        } else if (message instanceof AlertMessages.AlertTriage m) {
            // In the triage channel, the one place a button acts on no incident's channel: the reserved number names the group.
            buttons = List.of(new Button(ButtonAction.DECLARE_ALERTS, m.reserved()),
                    new Button(ButtonAction.DISMISS_ALERTS, m.reserved()));
        }
        Incident incident = message.incident();
        if (incident == null || incident.isOpen()) {
            return buttons;
        }
        return buttons.stream().filter(b -> !b.action().needsOpenIncident()).toList();
    }

    private static List<Button> all(List<ButtonAction> actions, IncidentId incident) {
        return actions.stream().map(a -> new Button(a, incident)).toList();
    }
}
