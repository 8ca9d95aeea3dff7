package dev.sitrep.bot.web;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IncidentChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link IncidentChanges} that an incident changed once the engine is done with it (a
 * command or a reminder), so the notice follows the writes. The engine reports start and end on
 * the working thread, as it does for the log context. A notice that cannot be sent (Redis down)
 * costs the dashboard its freshness, never the command.
 */
final class ChangeNotices implements EngineObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotices.class);

    private final IncidentChanges changes;
    private final ThreadLocal<IncidentId> current = new ThreadLocal<>();

    ChangeNotices(IncidentChanges changes) {
        this.changes = changes;
    }

    @Override
    public void workingOn(IncidentId id) {
        current.set(id);
    }

    @Override
    public void incidentDone() {
        IncidentId id = current.get();
        current.remove();
        if (id == null) {
            return;
        }
        try {
            changes.changed(id);
        } catch (RuntimeException e) {
            LOG.debug("Dashboard change notice for {} not sent: {}", id, e.toString());
        }
    }
}
