package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.IncidentId;
import java.util.function.Consumer;

/**
 * That an incident changed, told to every replica: whoever shows incidents live (the dashboard)
 * listens and reads the incident again. A notice carries only the id, never incident data.
 */
public interface IncidentChanges {

    /** Tells every listener on every replica that {@code id} changed (best effort: a lost notice is not an error). */
    void changed(IncidentId id);

    /** Calls {@code listener} for every change on any replica until the returned handle is closed. */
    Subscription listen(Consumer<IncidentId> listener);

    /** A registered listener; closing it stops the calls. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
