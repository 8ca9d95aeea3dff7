package dev.sitrep.web;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writes incidents out for the pages: times in the configured zone, ages and durations as people read them. */
final class IncidentViews {

    private final Clock clock;
    private final DashboardSettings settings;
    private final DateTimeFormatter time;
    private final DateTimeFormatter date;

    IncidentViews(Clock clock, DashboardSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(settings.zone());
        this.date = DateTimeFormatter.ISO_LOCAL_DATE.withZone(settings.zone());
    }

    IncidentRow row(Incident incident) {
        Instant now = clock.instant();
        List<StatusUpdate> updates = incident.updates();
        String sinceUpdate = updates.isEmpty() ? "no update yet"
                : ago(Duration.between(updates.get(updates.size() - 1).at(), now));
        boolean overdue = incident.isOpen() && incident.nextUpdateDue() != null && now.isAfter(incident.nextUpdateDue());
        String commander = incident.commander().map(Member::displayName).orElse("nobody");
        return new IncidentRow(incident.id().label(), incident.title(), incident.severity().word(),
                incident.severity().label(), incident.status().word(), incident.isOpen(), commander,
                DurationText.format(Duration.between(incident.declaredAt(), now)), sinceUpdate, overdue,
                incident.privateIncident(),
                (incident.id().label() + " " + incident.title()).toLowerCase(Locale.ROOT),
                incident.service() == null ? "" : incident.service().name(), date.format(incident.declaredAt()));
    }

    IncidentView page(Incident incident, List<TimelineEntry> timeline) {
        List<IncidentView.Role> roles = incident.roleList().stream()
                .map(e -> new IncidentView.Role(e.getKey(), e.getValue().displayName())).toList();
        List<IncidentView.Update> updates = new ArrayList<>(incident.updates().stream().map(this::update).toList());
        IncidentView.Update latest = updates.isEmpty() ? null : updates.remove(updates.size() - 1);
        List<IncidentView.Update> earlier = new ArrayList<>(updates);
        java.util.Collections.reverse(earlier);
        List<IncidentView.Entry> entries = timeline.stream().map(e -> new IncidentView.Entry(time.format(e.at()),
                e.kind().name().toLowerCase(Locale.ROOT), e.actor().displayName(), e.text())).toList();
        List<IncidentView.Action> actions = incident.actionItems().stream().map(a -> new IncidentView.Action(
                a.number(), a.text(), a.owner() == null ? "nobody" : a.owner().displayName(),
                a.due() == null ? "" : a.due().toString(), a.done(), web(a.link()))).toList();
        List<IncidentView.Link> postmortems = incident.documents().values().stream().filter(d -> d.exists())
                .map(d -> new IncidentView.Link(d.sink(), d.publicUrl())).toList();
        List<IncidentView.Link> channels = incident.channels().values().stream().map(this::channel).toList();
        Durations d = Durations.of(incident);
        Instant now = clock.instant();
        List<IncidentView.Figure> durations = new ArrayList<>(List.of(
                new IncidentView.Figure("time to acknowledge", span(d.timeToAcknowledge())),
                new IncidentView.Figure("time to mitigate", span(d.timeToMitigate())),
                new IncidentView.Figure("time to resolve", span(d.timeToResolve()))));
        // Once resolved, "time to resolve" is the same figure.
        if (incident.isOpen()) {
            durations.add(new IncidentView.Figure("open for",
                    DurationText.format(Duration.between(incident.declaredAt(), now))));
        }
        return new IncidentView(row(incident), roles, latest, earlier, entries, actions, postmortems, channels,
                durations, History.of(incident, timeline, now, time), incident.summary(), time.format(incident.declaredAt()),
                incident.nextUpdateDue() == null || !incident.isOpen() ? "" : time.format(incident.nextUpdateDue()));
    }

    /** The fields the update gave, in the order they are typed, under the names they are typed with. */
    private IncidentView.Update update(StatusUpdate u) {
        List<IncidentView.Figure> fields = java.util.Arrays.stream(UpdateField.values())
                .filter(f -> f.valueIn(u) != null && !f.valueIn(u).isBlank())
                .map(f -> new IncidentView.Figure(f.key(), f.valueIn(u))).toList();
        return new IncidentView.Update(time.format(u.at()), u.author().displayName(), fields);
    }

    private IncidentView.Link channel(ChannelRef channel) {
        String pattern = settings.channelLinks().get(channel.platform());
        String label = "#" + channel.name() + " on " + channel.platform();
        return new IncidentView.Link(label, pattern == null ? null : pattern.replace("{id}", channel.id()));
    }

    /** Only http(s) links become anchors; anything else (a path, javascript:) is shown as text. */
    private static @Nullable String web(@Nullable String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static String span(@Nullable Duration d) {
        return d == null ? "—" : DurationText.format(d);
    }

    private static String ago(Duration d) {
        return DurationText.format(d) + " ago";
    }
}
