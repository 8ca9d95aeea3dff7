package dev.sitrep.web;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.port.IncidentHistory;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The metrics page ({@code /insights}). Its figures count only the incidents the viewer may see
 * ({@link Viewer#canSee}, the list's rule), so a private incident changes no number a non-member
 * reads: the counts are exactly what that person could count in the list themselves.
 */
@Controller
final class MetricsPage {

    /** How many of the most recent incidents the figures are drawn from. */
    static final int HISTORY = 1000;

    private final IncidentStore store;
    private final IncidentHistory history;
    private final Viewers viewers;
    private final MetricsViews views;
    private final Clock clock;
    private final DashboardSettings settings;

    MetricsPage(IncidentStore store, IncidentHistory history, Viewers viewers, Clock clock, DashboardSettings settings) {
        this.store = store;
        this.history = history;
        this.viewers = viewers;
        this.views = new MetricsViews(settings.zone());
        this.clock = clock;
        this.settings = settings;
    }

    @GetMapping("/insights")
    String metrics(@Nullable Authentication authentication, Model model) {
        Viewer viewer = viewers.of(authentication);
        List<Incident> visible = history.recent(HISTORY).stream()
                .filter(i -> viewer.canSee(i, Memo.of(() -> store.timeline(i.id())))).toList();
        IncidentMetrics.Figures figures = IncidentMetrics.of(visible, clock.instant(), settings.zone(),
                MetricsViews.WEEKS, MetricsViews.MONTHS);
        model.addAttribute("metrics", views.view(figures, visible.size()));
        model.addAttribute("uplot", Charts.UPLOT);
        model.addAttribute("viewer", viewer.name());
        return "insights";
    }
}
