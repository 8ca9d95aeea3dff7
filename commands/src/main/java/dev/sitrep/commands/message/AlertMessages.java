package dev.sitrep.commands.message;

import dev.sitrep.commands.alert.AlertGroup;
import dev.sitrep.commands.incident.Alert;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import java.util.List;

/** The messages alert intake posts. */
public final class AlertMessages {

    private AlertMessages() {
    }

    /**
     * A later notification of an incident's alert group: alerts that began firing and alerts that
     * resolved. When none fires any more the commander is asked to resolve; sitrep never does by itself.
     */
    public record AlertsChanged(Incident incident, String source, List<Alert> firing, List<Alert> resolved,
                                boolean allResolved) implements Message {
        public AlertsChanged {
            firing = List.copyOf(firing == null ? List.of() : firing);
            resolved = List.copyOf(resolved == null ? List.of() : resolved);
        }
    }

    /**
     * An alert group posted into the triage channel for a person to decide: its buttons declare it as
     * incident {@code reserved} (the number the group is tied to) or dismiss it; {@code declareCommand}
     * is what to type where there are no buttons.
     */
    public record AlertTriage(AlertGroup group, String title, Severity severity, String declareCommand,
                              IncidentId reserved) implements Message {
    }
}
