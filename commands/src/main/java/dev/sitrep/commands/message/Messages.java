package dev.sitrep.commands.message;

import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The messages sitrep posts, one record per template. */
public final class Messages {

    private Messages() {
    }

    /** First message in a new incident channel, pinned. */
    public record Kickoff(Incident incident) implements Message {

        /** How to post an update, with every field; derived so the pinned hint never misses one. */
        public String updateUsage() {
            return "/incident " + Verb.UPDATE.word() + " " + UpdateField.inlineForm();
        }

        /** How to tick a step of the checklist. */
        public String taskUsage() {
            return Verb.TASK.usage();
        }
    }

    /** The channel topic: severity · status · commander. */
    public record Topic(Incident incident) implements Message {
    }

    /** In the broadcast channel; a private incident is announced without its title. */
    public record Announcement(Incident incident, ChannelRef channel) implements Message {
    }

    public record RoleAssigned(Incident incident, String role, Member member, @Nullable Member previous, Member by)
            implements Message {
    }

    public record SeverityChanged(Incident incident, Severity from, Member by) implements Message {
    }

    public record StatusChanged(Incident incident, Status from, Member by) implements Message {
    }

    public record UpdatePosted(Incident incident, StatusUpdate update) implements Message {
    }

    public record NoteAdded(Incident incident, Member by, String text) implements Message {
    }

    public record ActionAdded(Incident incident, ActionItem item) implements Message {
    }

    public record Snoozed(Incident incident, Member by, Duration duration) implements Message {
    }

    /** The first missed cadence: a nudge to the commander. */
    public record UpdateOverdue(Incident incident, int missed, Instant dueAt) implements Message {
    }

    /** Missed cadences past the escalation threshold, in the incident channel. */
    public record UpdatesEscalated(Incident incident, int missed, Instant dueAt) implements Message {
    }

    /** The same escalation told to the broadcast channel. */
    public record OverdueBroadcast(Incident incident, int missed, Instant dueAt) implements Message {
    }

    public record Resolved(Incident incident, Durations durations, Member by) implements Message {
    }

    public record ResolvedBroadcast(Incident incident, Durations durations) implements Message {
    }

    public record Reopened(Incident incident, Member by) implements Message {
    }

    /** Action item {@code item} is finished; {@code problems} says where it could not be closed too. */
    public record ActionCompleted(Incident incident, ActionItem item, Member by, List<String> problems) implements Message {
        public ActionCompleted {
            problems = List.copyOf(problems);
        }
    }

    /** Where the postmortem was filed (one link per sink that succeeded). */
    public record PostmortemFiled(Postmortem postmortem, List<FiledDocument> documents) implements Message {
        public PostmortemFiled {
            documents = List.copyOf(documents);
        }

        @Override
        public Incident incident() {
            return postmortem.incident();
        }
    }

    /** The postmortem is past due: the commander is reminded, with the action items that are overdue. */
    public record PostmortemOverdue(Incident incident, List<ActionItem> overdueActions, Instant dueAt) implements Message {
        public PostmortemOverdue {
            overdueActions = List.copyOf(overdueActions);
        }
    }

    public record PostmortemCompleted(Incident incident, Member by) implements Message {
    }

    /** A sink could not file the postmortem after its retries; the commander is told which and why. */
    public record PostmortemFilingFailed(Incident incident, String sink, String error) implements Message {
    }

    /** Answer to {@code list}, and the hint when a command was used outside an incident channel. */
    public record OpenIncidents(List<Incident> incidents) implements Message {
        public OpenIncidents {
            incidents = List.copyOf(incidents);
        }
    }

    public record HelpText(@Nullable Verb topic, List<Verb> verbs) implements Message {
        public HelpText {
            verbs = List.copyOf(verbs);
        }
    }

    /**
     * The private answer to bad input: what was wrong and the usage line. {@code openIncidents} is
     * set (possibly empty) when the caller needs to know where the incidents are. {@code failed}:
     * the command was right and a platform or the store failed it ({@link #ofFailure}) — no usage line
     * then, which would read as if the caller had mistyped (issue 15 §3).
     */
    public record CommandRejected(String problem, @Nullable Verb verb, @Nullable List<Incident> openIncidents,
                                  boolean failed) implements Message {
        public CommandRejected {
            openIncidents = openIncidents == null ? null : List.copyOf(openIncidents);
        }

        /** Bad input. */
        public CommandRejected(String problem, @Nullable Verb verb, @Nullable List<Incident> openIncidents) {
            this(problem, verb, openIncidents, false);
        }

        /** A right command that a platform or the store failed: what happened and what to do, no usage. */
        public static CommandRejected ofFailure(String problem, Verb verb) {
            return new CommandRejected(problem, verb, null, true);
        }
    }

    /**
     * A private acknowledgement of a command whose effect is visible elsewhere (e.g. the new channel),
     * or a plain word that needs no usage line (a click on a button of a resolved incident).
     */
    public record CommandAccepted(String text, @Nullable Incident incident, @Nullable ChannelRef channel)
            implements Message {

        public CommandAccepted(String text, @Nullable Incident incident) {
            this(text, incident, null);
        }
    }
}
