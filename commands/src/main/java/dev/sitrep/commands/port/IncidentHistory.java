package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.Incident;
import java.util.List;

/** Read-only: incidents as they were declared, for views that show more than the open ones. */
public interface IncidentHistory {

    /** Up to {@code limit} incidents, open or resolved, the most recently declared first. */
    List<Incident> recent(int limit);
}
