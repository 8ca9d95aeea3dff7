package dev.sitrep.web;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentChanges;
import dev.sitrep.commands.port.IncidentStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events at {@code /events}: an {@code incident} event with the incident's id whenever it
 * changes, on whichever replica, to each open page whose viewer may see that incident. The page then
 * reads itself again, so an event carries no incident data and a missed one costs only freshness.
 *
 * <p>A {@link SmartLifecycle} in the last phase, so it is stopped first: an open stream is a request
 * that never ends by itself, and Tomcat's graceful shutdown (a later phase) would otherwise wait the
 * whole {@code timeout-per-shutdown-phase} for it, long enough for Kubernetes to SIGKILL the pod.
 */
@Controller
final class LiveChanges implements AutoCloseable, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LiveChanges.class);
    /** The browser's EventSource reconnects by itself after this. */
    private static final Duration STREAM_FOR = Duration.ofMinutes(30);

    private record Watcher(SseEmitter emitter, Viewer viewer) {
    }

    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final IncidentStore store;
    private final Viewers viewers;
    private final IncidentChanges.Subscription subscription;
    private volatile boolean running = true;

    LiveChanges(IncidentChanges changes, IncidentStore store, Viewers viewers) {
        this.store = store;
        this.viewers = viewers;
        this.subscription = changes.listen(this::changed);
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(@Nullable Authentication authentication) throws IOException {
        SseEmitter emitter = new SseEmitter(STREAM_FOR.toMillis());
        if (!running) {
            // Shutting down: end at once, and the browser reconnects to a replica that is staying.
            emitter.complete();
            return emitter;
        }
        if (!watch(emitter, viewers.of(authentication))) {
            return emitter;
        }
        // Sent at once so the browser sees the stream open (and the page knows it is live).
        emitter.send(SseEmitter.event().name("ready").data("live"));
        return emitter;
    }

    /** Tells {@code emitter} of every change {@code viewer} may see, until it ends; false when shutting down. */
    boolean watch(SseEmitter emitter, Viewer viewer) {
        Watcher watcher = new Watcher(emitter, viewer);
        emitter.onCompletion(() -> watchers.remove(watcher));
        emitter.onTimeout(() -> {
            // An expected end (the browser reconnects), not an error to resolve and log.
            watchers.remove(watcher);
            emitter.complete();
        });
        emitter.onError(e -> watchers.remove(watcher));
        watchers.add(watcher);
        if (!running) {
            // stop() ran between the check above and the add: it cannot have ended this one.
            watchers.remove(watcher);
            emitter.complete();
            return false;
        }
        return true;
    }

    /** How many pages are listening on this replica (for tests and health, never their viewers). */
    int watching() {
        return watchers.size();
    }

    void changed(IncidentId id) {
        if (watchers.isEmpty()) {
            // Nobody to tell: every replica hears every change, and a read per change each is Redis' busiest cost.
            return;
        }
        Optional<Incident> incident;
        try {
            incident = store.find(id);
        } catch (RuntimeException e) {
            LOG.warn("Could not read {} for the dashboard's live updates: {}", id, e.toString());
            return;
        }
        if (incident.isEmpty()) {
            return;
        }
        Supplier<List<TimelineEntry>> timeline = Memo.of(() -> store.timeline(id));
        for (Watcher watcher : watchers) {
            if (!watcher.viewer().canSee(incident.get(), timeline)) {
                continue;
            }
            try {
                watcher.emitter().send(SseEmitter.event().name("incident").data(id.label()));
            } catch (IOException | RuntimeException e) {
                // The page went away; its emitter is finished and forgotten, and the other pages are still told.
                watchers.remove(watcher);
                endQuietly(watcher.emitter(), e);
            }
        }
    }

    /**
     * Once the connection failed, Tomcat refuses the completion too ("A non-container (application)
     * thread attempted to use the AsyncContext after an error had occurred"): thrown out of the
     * listener, it kept every page after this one from hearing of the change (DashboardBrowserIT).
     */
    private static void endQuietly(SseEmitter emitter, Exception why) {
        try {
            emitter.completeWithError(why);
        } catch (RuntimeException alreadyEnded) {
            LOG.debug("A dashboard stream had ended already: {}", alreadyEnded.toString());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream before the web server waits for its requests to finish. */
    @Override
    public void stop() {
        running = false;
        endStreams();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        subscription.close();
        endStreams();
    }

    private void endStreams() {
        for (Watcher watcher : watchers) {
            try {
                watcher.emitter().complete();
            } catch (IllegalStateException e) {
                // The server stopped first and already let go of that response: nothing left to end.
            }
        }
        watchers.clear();
    }
}
