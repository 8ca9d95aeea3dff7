package dev.sitrep.web;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.commands.port.IncidentStore;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The incident list and the incident page. A private incident the viewer may not see is left out
 * of the list and answered like an id that does not exist, so neither reveals that it is there.
 */
@Controller
final class IncidentPages {

    private final IncidentStore store;
    private final IncidentHistory history;
    private final Viewers viewers;
    private final IncidentViews views;
    private final DashboardSettings settings;

    IncidentPages(IncidentStore store, IncidentHistory history, Viewers viewers, IncidentViews views,
                  DashboardSettings settings) {
        this.store = store;
        this.history = history;
        this.viewers = viewers;
        this.views = views;
        this.settings = settings;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/incidents";
    }

    /** Open incidents first (most severe, then oldest), then the most recently declared others. */
    @GetMapping("/incidents")
    String list(@Nullable Authentication authentication, Model model) {
        Viewer viewer = viewers.of(authentication);
        List<Incident> open = new ArrayList<>(store.open());
        open.sort(Comparator.comparing(Incident::severity).thenComparing(Incident::declaredAt));
        Set<IncidentId> openIds = open.stream().map(Incident::id).collect(Collectors.toSet());
        List<Incident> recent = history.recent(settings.recent()).stream()
                .filter(i -> !openIds.contains(i.id()) && !i.isOpen()).toList();
        model.addAttribute("open", rows(open, viewer));
        model.addAttribute("recent", rows(recent, viewer));
        model.addAttribute("viewer", viewer.name());
        return "incidents";
    }

    @GetMapping("/incidents/{label}")
    String incident(@PathVariable String label, @Nullable Authentication authentication, Model model,
                    HttpServletResponse response) {
        Viewer viewer = viewers.of(authentication);
        Optional<Incident> found = IncidentId.parse(label).flatMap(store::find);
        if (found.isPresent()) {
            Incident incident = found.get();
            Supplier<List<TimelineEntry>> timeline = Memo.of(() -> store.timeline(incident.id()));
            if (viewer.canSee(incident, timeline)) {
                model.addAttribute("incident", views.page(incident, timeline.get()));
                model.addAttribute("viewer", viewer.name());
                return "incident";
            }
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("viewer", viewer.name());
        return "not-found";
    }

    private List<IncidentRow> rows(List<Incident> incidents, Viewer viewer) {
        return incidents.stream().filter(i -> viewer.canSee(i, Memo.of(() -> store.timeline(i.id()))))
                .map(views::row).toList();
    }
}
