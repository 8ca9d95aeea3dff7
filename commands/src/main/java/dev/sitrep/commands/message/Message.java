package dev.sitrep.commands.message;

/**
 * Something sitrep says. Each record is the model of one template of the same name; platforms
 * render it with their own escaping. Records are named for what happened.
 */
public sealed interface Message permits Messages.Kickoff, Messages.Topic, Messages.Announcement,
        Messages.RoleAssigned, Messages.SeverityChanged, Messages.StatusChanged, Messages.UpdatePosted,
        Messages.NoteAdded, Messages.ActionAdded, Messages.ActionCompleted, Messages.Snoozed, Messages.UpdateOverdue,
        Messages.UpdatesEscalated, Messages.OverdueBroadcast, Messages.Resolved, Messages.ResolvedBroadcast,
        Messages.Reopened, Messages.PostmortemFiled, Messages.PostmortemFilingFailed, Messages.PostmortemOverdue, Messages.PostmortemCompleted, Messages.OpenIncidents, Messages.HelpText,
        Messages.CommandRejected, Messages.CommandAccepted, Postmortem, AlertMessages.AlertsChanged,
        AlertMessages.AlertTriage {

    /**
     * The template's name, without {@code .ftl}: the record's name in kebab case ({@code UpdateOverdue}
     * → {@code update-overdue}), so a record and its template cannot drift apart.
     */
    default String template() {
        return getClass().getSimpleName().replaceAll("(?<=[a-z0-9])([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** The incident the message is about, if any (records with an {@code incident} component say so). */
    default dev.sitrep.commands.incident.@org.jspecify.annotations.Nullable Incident incident() {
        return null;
    }
}
