package dev.sitrep.bot.metrics;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.EngineObserver;
import org.slf4j.MDC;

/**
 * Puts what sitrep works on into the logging context, the same for every platform: the delivery
 * ({@code platform}, {@code verb}, {@code delivery} — the platform's id for it — and {@code request},
 * the three in one for the log pattern) for as long as its work runs, and the incident
 * ({@code incident=INC-7}) once the engine knows it. Every line logged meanwhile — by the engine,
 * Bolt, JDA, Lettuce — says what it is about.
 */
final class IncidentLogContext implements EngineObserver {

    static final String KEY = "incident";
    static final String PLATFORM = "platform";
    static final String VERB = "verb";
    static final String DELIVERY = "delivery";
    static final String REQUEST = "request";

    @Override
    public void workingOn(IncidentId id) {
        MDC.put(KEY, id.label());
    }

    @Override
    public void incidentDone() {
        MDC.remove(KEY);
    }

    @Override
    public void handlingDelivery(String platform, String verb, String deliveryId) {
        MDC.put(PLATFORM, platform);
        MDC.put(VERB, verb);
        MDC.put(DELIVERY, deliveryId);
        MDC.put(REQUEST, platform + " " + verb + " " + deliveryId + " ");
    }

    @Override
    public void deliveryDone() {
        MDC.remove(KEY);
        MDC.remove(PLATFORM);
        MDC.remove(VERB);
        MDC.remove(DELIVERY);
        MDC.remove(REQUEST);
    }
}
