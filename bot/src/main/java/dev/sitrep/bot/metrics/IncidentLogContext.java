package dev.sitrep.bot.metrics;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.EngineObserver;
import org.slf4j.MDC;

/**
 * Puts the incident the engine works on into the logging context ({@code incident=INC-7}), so
 * every line logged meanwhile — by the engine, Bolt, JDA, Lettuce — says which incident it is about.
 */
final class IncidentLogContext implements EngineObserver {

    static final String KEY = "incident";

    @Override
    public void workingOn(IncidentId id) {
        MDC.put(KEY, id.label());
    }

    @Override
    public void incidentDone() {
        MDC.remove(KEY);
    }
}
