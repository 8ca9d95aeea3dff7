package dev.sitrep.web;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.commands.port.IncidentStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public status page ({@code /status}), its Atom feed ({@code /status/feed.atom}) and JSON
 * ({@code /status/status.json}): {@link PublicStatus}, for everyone, no login.
 */
@Controller
final class StatusPage {

    /** How many recent incidents are looked through for ones resolved within the window. */
    static final int HISTORY = 200;

    private final IncidentStore store;
    private final IncidentHistory history;
    private final StatusPageSettings settings;
    private final Clock clock;
    private final StatusTimes times;

    StatusPage(IncidentStore store, IncidentHistory history, StatusPageSettings settings, Clock clock,
               DashboardSettings dashboard) {
        this.store = store;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
        this.times = new StatusTimes(dashboard.zone());
    }

    @GetMapping("/status")
    String page(Model model) {
        model.addAttribute("status", status());
        model.addAttribute("times", times);
        return "status";
    }

    @GetMapping(path = "/status/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublicStatus> json() {
        return ResponseEntity.ok(status());
    }

    @GetMapping(path = "/status/feed.atom")
    ResponseEntity<String> atom(HttpServletRequest request) {
        String page = ServletUriComponentsBuilder.fromContextPath(request).path("/status").build().toUriString();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(AtomFeed.of(status(), page));
    }

    private PublicStatus status() {
        List<Incident> incidents = new ArrayList<>(store.open());
        Set<IncidentId> seen = new HashSet<>(incidents.stream().map(Incident::id).toList());
        history.recent(HISTORY).stream().filter(i -> seen.add(i.id())).forEach(incidents::add);
        return PublicStatus.of(incidents, settings, clock.instant());
    }
}
