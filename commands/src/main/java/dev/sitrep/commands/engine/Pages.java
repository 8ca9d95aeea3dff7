package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.PageLog;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.PageSeverity;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.commands.service.Service;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Paging a service's on-call from the engine. A decision adds {@link Effect.Page} (or
 * {@link Effect.ResolvePage}) to its change; the outbox carries it out here, under
 * {@link ExactlyOnce}, and what became of it (paged, or refused with the pager's reason) is recorded
 * on the incident and its timeline in the same run, before the effect leaves the outbox. A failure
 * the pager may get over (a 5xx or 429 after the policy's retries, an open breaker) leaves the effect
 * in the outbox for the next tick; the dedup key makes the repeat harmless.
 */
final class Pages {

    /** Commits a follow-up change without draining the outbox (the outbox drain is what calls it). */
    @FunctionalInterface
    interface Recorder {
        void record(IncidentId id, Function<Incident, Change> decide);
    }

    private final Pager pager;
    private final Recorder recorder;
    private final Function<IncidentId, Incident> incidents;
    private final Clock clock;

    Pages(Pager pager, Recorder recorder, Function<IncidentId, Incident> incidents, Clock clock) {
        this.pager = pager;
        this.recorder = recorder;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** Whether a service pages at all: it names a routing key, or pages on a threshold or escalation. */
    static boolean pages(Service service) {
        Service.Paging p = service.paging();
        return p.routingKey() != null || p.threshold() != null || p.onEscalation();
    }

    /** The page for {@code service}, about {@code incident} as it stands; {@code why} goes into the summary. */
    static Effect.Page page(Incident incident, Service service, String why) {
        PageKey key = new PageKey(incident.id(), service.name());
        String summary = incident.id().label() + " " + incident.severity().label() + " " + service.displayName() + ": "
                + incident.title() + " (" + why + ")";
        List<PageRequest.Link> links = new ArrayList<>();
        if (service.runbook() != null) {
            links.add(new PageRequest.Link(service.runbook().toString(), "Runbook"));
        }
        return new Effect.Page(null, new PageRequest(key, summary, PageSeverity.of(incident.severity()),
                "sitrep " + incident.id().label(), links));
    }

    /** A page asked for is on the incident at once ("paging: checkout on-call"), before the pager answers. */
    static Incident asked(Incident incident, Effect.Page page, java.time.Instant now) {
        String service = page.request().key().service();
        boolean alreadyPaged = incident.page(service).filter(p -> p.state() == PageLog.State.PAGED).isPresent();
        return alreadyPaged ? incident : incident.withPage(new PageLog(service, PageLog.State.ASKED, null, null, now, null));
    }

    /** Every page of the incident that went out is resolved with it. */
    static List<Effect> resolveAll(Incident incident) {
        return incident.pages().stream().filter(p -> p.state() == PageLog.State.PAGED || p.state() == PageLog.State.ASKED)
                .<Effect>map(p -> new Effect.ResolvePage(null, new PageKey(incident.id(), p.service()))).toList();
    }

    /** Whether this effect's outcome is already on the incident (a crash after recording, before completing). */
    BooleanSupplier alreadyThere(IncidentId id, Effect effect) {
        return () -> incidents.apply(id).pages().stream().anyMatch(p -> effect.key().equals(p.key()));
    }

    void carryOut(IncidentId id, Effect effect) {
        if (effect instanceof Effect.Page page) {
            trigger(id, page);
        } else if (effect instanceof Effect.ResolvePage resolve) {
            close(id, resolve);
        }
    }

    private void trigger(IncidentId id, Effect.Page page) {
        String service = page.request().key().service();
        if (!incidents.apply(id).isOpen()) {
            // Left in the outbox by a pager that was down until after the resolution: nobody is woken for it.
            recordWith(id, new PageLog(service, PageLog.State.RESOLVED, null, null, clock.instant(), page.key()),
                    "Did not page " + service + " on-call: the incident was resolved before the pager took the page",
                    false);
            return;
        }
        try {
            PageResult result = pager.trigger(page.request());
            PageLog log = new PageLog(service, PageLog.State.PAGED, result.via(), null, clock.instant(), page.key());
            recordWith(id, log, "Paged " + service + " on-call (" + result.via() + "), dedup key "
                    + page.request().key().dedupKey(), true);
        } catch (PagingFailure e) {
            // Final (a 4xx: the pager will refuse it again): told to the commander, not retried.
            PageLog log = new PageLog(service, PageLog.State.FAILED, null, e.getMessage(), clock.instant(), page.key());
            recordWith(id, log, "Could not page " + service + " on-call: " + e.getMessage(), true);
        }
    }

    private void close(IncidentId id, Effect.ResolvePage resolve) {
        String service = resolve.page().service();
        String text;
        try {
            pager.resolve(resolve.page());
            text = "Resolved the page to " + service + " on-call";
        } catch (PagingFailure e) {
            text = "Could not resolve the page to " + service + " on-call: " + e.getMessage();
        }
        recordWith(id, new PageLog(service, PageLog.State.RESOLVED, null, null, clock.instant(), resolve.key()), text,
                false);
    }

    private void recordWith(IncidentId id, PageLog log, String text, boolean tell) {
        recorder.record(id, i -> {
            Incident after = i.withPage(log);
            Change change = Change.of(i, after).record(new TimelineEntry(log.at(), Member.SITREP,
                    TimelineEntry.Kind.PAGED, text));
            return tell ? change.effects(Effects.post(after, new Messages.NoteAdded(after, Member.SITREP,
                    mention(after, log) + text))) : change;
        });
    }

    /** A failed page is for the commander to act on. */
    private static String mention(Incident incident, PageLog log) {
        return log.state() == PageLog.State.FAILED
                ? incident.commander().map(c -> c.displayName() + ": ").orElse("") : "";
    }
}
