package dev.sitrep.discord;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;

/**
 * The private "done" for a command the engine carried out without answering privately (its
 * effect is a message in the channel). On Slack the channel message is the answer; on Discord a
 * deferred interaction needs a follow-up of its own.
 */
final class Confirmation {

    private Confirmation() {
    }

    static String of(Command command) {
        if (command instanceof Command.AssignRole role) {
            return role.role().equals(Incident.COMMANDER) ? "Command handed to " + role.member().raw() + "."
                    : role.member().raw() + " is now " + role.role() + ".";
        }
        if (command instanceof Command.ChangeSeverity severity) {
            return "Severity set to " + severity.severity().label() + ".";
        }
        if (command instanceof Command.ChangeStatus status) {
            return "Status set to " + status.status().word() + ".";
        }
        if (command instanceof Command.Snooze snooze) {
            return "Update reminders snoozed for " + DurationText.format(snooze.duration()) + ".";
        }
        Verb verb = command.verb();
        return switch (verb) {
            case UPDATE -> "Update posted.";
            case NOTE -> "Note added to the timeline.";
            case ACTION -> "Action item recorded.";
            case RESOLVE -> "Incident resolved.";
            case POSTMORTEM -> "Postmortem filed.";
            default -> "Done: /incident " + verb.word() + ".";
        };
    }
}
