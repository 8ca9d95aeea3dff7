package dev.sitrep.commands;

import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a user asked for, whichever platform it came from. One record per verb of the command language. */
public sealed interface Command {

    /** The verb whose usage line is shown when this command is rejected. */
    Verb verb();

    record Start(String title, Severity severity, boolean privateIncident) implements Command {
        public Start {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            if (title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
        }

        @Override
        public Verb verb() {
            return Verb.START;
        }
    }

    /** {@code commander @x} is {@code role commander @x}. */
    record AssignRole(String role, MemberRef member) implements Command {
        public AssignRole {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(member, "member");
        }

        @Override
        public Verb verb() {
            return Verb.ROLE;
        }
    }

    record ChangeSeverity(Severity severity) implements Command {
        public ChangeSeverity {
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public Verb verb() {
            return Verb.SEVERITY;
        }
    }

    record ChangeStatus(Status status) implements Command {
        public ChangeStatus {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public Verb verb() {
            return Verb.STATUS;
        }
    }

    /** An update; with no fields at all it asks the platform for a form. */
    record PostUpdate(UpdateFields fields) implements Command {
        public PostUpdate {
            Objects.requireNonNull(fields, "fields");
        }

        @Override
        public Verb verb() {
            return Verb.UPDATE;
        }
    }

    record AddNote(String text) implements Command {
        public AddNote {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Verb verb() {
            return Verb.NOTE;
        }
    }

    record AddAction(String text, @Nullable MemberRef owner, @Nullable LocalDate due) implements Command {
        public AddAction {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Verb verb() {
            return Verb.ACTION;
        }
    }

    /** {@code action done <n>}: action item n is finished; it leaves the follow-ups and its issue is closed. */
    record CompleteAction(int number) implements Command {
        public CompleteAction {
            if (number < 1) {
                throw new IllegalArgumentException("action item number must be positive");
            }
        }

        @Override
        public Verb verb() {
            return Verb.ACTION;
        }
    }

    record Snooze(Duration duration) implements Command {
        public Snooze {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public Verb verb() {
            return Verb.SNOOZE;
        }
    }

    record Resolve(@Nullable String summary) implements Command {
        @Override
        public Verb verb() {
            return Verb.RESOLVE;
        }
    }

    record FilePostmortem() implements Command {
        @Override
        public Verb verb() {
            return Verb.POSTMORTEM;
        }
    }

    /** {@code postmortem done}: the postmortem is written; follow-up reminders stop. */
    record CompletePostmortem() implements Command {
        @Override
        public Verb verb() {
            return Verb.POSTMORTEM;
        }
    }

    record ListOpen() implements Command {
        @Override
        public Verb verb() {
            return Verb.LIST;
        }
    }

    record Help(@Nullable Verb topic) implements Command {
        @Override
        public Verb verb() {
            return Verb.HELP;
        }
    }
}
