package dev.sitrep.commands;

import dev.sitrep.commands.incident.IncidentId;
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

    /**
     * {@code start}: a severity not given is the service's default (SEV3 without a service); the
     * service is checked against the catalog by the engine, which knows the configured ones.
     */
    record Start(String title, @Nullable Severity severity, boolean privateIncident, @Nullable String service)
            implements Command {
        public Start {
            Objects.requireNonNull(title, "title");
            if (title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
            service = service == null ? null : service.toLowerCase(java.util.Locale.ROOT);
        }

        public Start(String title, Severity severity, boolean privateIncident) {
            this(title, Objects.requireNonNull(severity, "severity"), privateIncident, null);
        }

        public Severity severityOr(Severity otherwise) {
            return severity == null ? otherwise : severity;
        }

        @Override
        public Verb verb() {
            return Verb.START;
        }
    }

    /**
     * A click on an alert group posted for triage: declare it as incident {@code group} (the number
     * reserved for it), or dismiss it. Never typed; its usage is {@code start}'s, the typed way to declare.
     */
    record DecideTriage(IncidentId group, boolean declare) implements Command {
        public DecideTriage {
            Objects.requireNonNull(group, "group");
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

    /** {@code service <name>}: the incident is about this service (its owners, runbook and checklist). */
    record SetService(String service) implements Command {
        public SetService {
            service = Objects.requireNonNull(service, "service").toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Verb verb() {
            return Verb.SERVICE;
        }
    }

    /** {@code task done <n>} / {@code task undo <n>}: a step of the checklist is done, or not after all. */
    record CheckTask(int number, boolean done) implements Command {
        public CheckTask {
            if (number < 1) {
                throw new IllegalArgumentException("task number must be positive");
            }
        }

        @Override
        public Verb verb() {
            return Verb.TASK;
        }
    }

    /** {@code page <service>}: page the service's on-call now. */
    record PageService(String service) implements Command {
        public PageService {
            service = Objects.requireNonNull(service, "service").toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Verb verb() {
            return Verb.PAGE;
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
