package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An incident as stored: immutable, and written with compare-and-set on {@link #version()} so that
 * two replicas never lose each other's change. Transitions return a new instance.
 */
public record Incident(
        IncidentId id,
        String title,
        Severity severity,
        Status status,
        Map<String, Member> roles,
        Map<String, ChannelRef> channels,
        boolean privateIncident,
        Instant declaredAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant mitigatedAt,
        @Nullable Instant resolvedAt,
        Duration updateEvery,
        @Nullable Instant nextUpdateDue,
        int remindersSent,
        List<StatusUpdate> updates,
        List<ActionItem> actionItems,
        @Nullable String summary,
        Map<String, FiledDocument> documents,
        boolean postmortemDone,
        SetupProgress setup,
        @Nullable ServiceOf service,
        List<Task> tasks,
        List<PageLog> pages,
        long version,
        List<Alert> alerts) {

    public static final String COMMANDER = "commander";

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(declaredAt, "declaredAt");
        Objects.requireNonNull(updateEvery, "updateEvery");
        roles = Map.copyOf(new LinkedHashMap<>(roles == null ? Map.of() : roles));
        channels = Map.copyOf(channels == null ? Map.of() : channels);
        updates = List.copyOf(updates == null ? List.of() : updates);
        actionItems = List.copyOf(actionItems == null ? List.of() : actionItems);
        documents = Map.copyOf(documents == null ? Map.of() : documents);
        alerts = List.copyOf(alerts == null ? List.of() : alerts);
        if (setup == null) {
            // Stored before setup progress was recorded: an incident with a channel got as far as it
            // would then, and must never get a second kick-off; one without a channel had nothing done.
            setup = channels.isEmpty() ? SetupProgress.NONE : SetupProgress.ALL;
        }
        tasks = List.copyOf(tasks == null ? List.of() : tasks);
        pages = List.copyOf(pages == null ? List.of() : pages);
        if (remindersSent < 0) {
            throw new IllegalArgumentException("remindersSent must not be negative");
        }
    }

    /** A new incident, commanded by the one who declared it, with its first update due after one cadence. */
    public static Incident declare(IncidentId id, String title, Severity severity, boolean privateIncident,
                                   Member commander, Instant now, Duration cadence) {
        return new Incident(id, title, severity, Status.INVESTIGATING, Map.of(COMMANDER, commander), Map.of(),
                privateIncident, now, null, null, null, cadence, now.plus(cadence), 0, List.of(), List.of(),
                null, Map.of(), false, SetupProgress.NONE, null, List.of(), List.of(), 0, List.of());
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public Optional<Member> commander() {
        return Optional.ofNullable(roles.get(COMMANDER));
    }

    public Optional<Member> holderOf(String role) {
        return Optional.ofNullable(roles.get(role));
    }

    public boolean holds(Member member, String role) {
        Member holder = roles.get(role);
        return holder != null && holder.sameAs(member);
    }

    public Optional<ChannelRef> channelOn(String platform) {
        return Optional.ofNullable(channels.get(platform));
    }

    /** The roles in a stable order: commander first, then alphabetically. */
    public List<Map.Entry<String, Member>> roleList() {
        List<Map.Entry<String, Member>> list = new ArrayList<>(roles.entrySet());
        list.sort((a, b) -> a.getKey().equals(COMMANDER) ? -1
                : b.getKey().equals(COMMANDER) ? 1 : a.getKey().compareTo(b.getKey()));
        return list;
    }

    public Incident withChannel(ChannelRef channel) {
        return change(d -> d.channels.put(channel.platform(), channel));
    }

    /** Records how far the channel's setup got (see {@link SetupProgress}). */
    public Incident withSetup(SetupProgress progress) {
        return change(d -> d.setup = progress);
    }

    /** Not set up completely: no channel yet, or a step after the channel failed. */
    public boolean setupUnfinished(String platform) {
        return !channels.containsKey(platform) || !setup.complete();
    }

    public Incident withRole(String role, Member member) {
        return change(d -> d.roles.put(role, member));
    }

    /**
     * As {@link #withRole(String, Member)}, at {@code now}: a person taking command of an incident
     * nobody had acknowledged (one an alert declared) acknowledges it, so time to acknowledge ends there.
     */
    public Incident withRole(String role, Member member, Instant now) {
        return change(d -> {
            d.roles.put(role, member);
            if (role.equals(COMMANDER) && member.isPerson()) {
                d.acknowledge(now);
            }
        });
    }

    /** A new severity brings its cadence and re-arms the next update from now. */
    public Incident withSeverity(Severity newSeverity, Duration cadence, Instant now) {
        IncidentDraft d = draft().rearm(cadence, now);
        d.severity = newSeverity;
        return d.build();
    }

    public Incident movedTo(Status next, Duration cadence, Instant now, boolean byPerson) {
        return draft().moveTo(next, cadence, now, byPerson).build();
    }

    /** Records an update; its {@code next:} replaces the severity cadence for this one interval. */
    public Incident withUpdate(StatusUpdate update, Duration cadence) {
        return draft().addUpdate(update, cadence).build();
    }

    public Incident withActionItem(ActionItem item) {
        return change(d -> d.actionItems.add(item));
    }

    /** Action item {@code number} marked done; unchanged when there is no such item. */
    public Incident withActionItemDone(int number) {
        return change(d -> d.actionItems.replaceAll(item -> item.number() == number ? item.finished() : item));
    }

    public Optional<ActionItem> actionItem(int number) {
        return actionItems.stream().filter(a -> a.number() == number).findFirst();
    }

    public Incident snoozedUntil(Instant until) {
        IncidentDraft d = draft();
        d.nextUpdateDue = until;
        d.remindersSent = 0;
        return d.build();
    }

    public Incident resolved(@Nullable String resolutionSummary, Instant now) {
        IncidentDraft d = draft().moveTo(Status.RESOLVED, updateEvery, now, true);
        if (resolutionSummary != null && !resolutionSummary.isBlank()) {
            d.summary = resolutionSummary;
        }
        return d.build();
    }

    public Incident reminded(int missed) {
        return change(d -> d.remindersSent = missed);
    }

    /** Remembers where a sink filed the postmortem (and its action items), so filing again updates them. */
    public Incident withDocument(FiledDocument document) {
        IncidentDraft d = draft().linkActionItems(document.actionItems());
        d.documents.put(document.sink(), document);
        return d.build();
    }

    /** Links action items (by number) to where they are tracked; items already linked keep their link. */
    public Incident withActionItemLinks(Map<Integer, String> links) {
        return draft().linkActionItems(links).build();
    }

    public Incident withPostmortemDone(boolean done) {
        return change(d -> d.postmortemDone = done);
    }

    /**
     * The same incident with every piece of user text passed through {@code f} (title, summary,
     * updates, action items); used to redact secrets before a postmortem leaves the chat platform.
     */
    public Incident mapText(UnaryOperator<String> f) {
        UnaryOperator<String> g = t -> t == null ? null : f.apply(t);
        return new Incident(id, f.apply(title), severity, status, roles, channels, privateIncident, declaredAt,
                acknowledgedAt, mitigatedAt, resolvedAt, updateEvery, nextUpdateDue, remindersSent,
                updates.stream().map(u -> u.mapText(f)).toList(), actionItems.stream().map(a -> a.mapText(f)).toList(),
                g.apply(summary), documents, postmortemDone, setup, service,
                tasks.stream().map(t -> new Task(t.number(), f.apply(t.text()), t.done(), t.by(), t.at())).toList(),
                pages, version, alerts);
    }

    /** About {@code newService}, whose checklist becomes the tasks (steps already done keep their mark). */
    public Incident withService(ServiceOf newService, List<String> checklist) {
        return change(d -> {
            d.service = newService;
            List<Task> before = List.copyOf(d.tasks);
            d.tasks.clear();
            for (String step : checklist) {
                Task task = Task.open(d.tasks.size() + 1, step);
                d.tasks.add(before.stream().filter(t -> t.done() && t.text().equals(step)).findFirst()
                        .map(t -> new Task(task.number(), step, true, t.by(), t.at())).orElse(task));
            }
        });
    }

    public Optional<Task> task(int number) {
        return tasks.stream().filter(t -> t.number() == number).findFirst();
    }

    /** Task {@code number} marked done or not done; unchanged when there is no such task. */
    public Incident withTask(int number, boolean done, Member by, Instant at) {
        return change(d -> d.tasks.replaceAll(t -> t.number() == number ? t.checked(done, by, at) : t));
    }

    public long tasksDone() {
        return tasks.stream().filter(Task::done).count();
    }

    /** {@code 2/5}, or empty when the incident has no checklist. */
    public String taskProgress() {
        return tasks.isEmpty() ? "" : tasksDone() + "/" + tasks.size();
    }

    /** Records what became of a page (the latest entry per service wins). */
    public Incident withPage(PageLog page) {
        return change(d -> {
            d.pages.removeIf(p -> p.service().equals(page.service()));
            d.pages.add(page);
        });
    }

    public Optional<PageLog> page(String service) {
        return pages.stream().filter(p -> p.service().equals(service)).findFirst();
    }

    /** The alerts it was opened with or that were added to it since (the newest state of each). */
    public Incident withAlerts(List<Alert> newAlerts) {
        return change(d -> {
            d.alerts.clear();
            d.alerts.addAll(newAlerts);
        });
    }

    /** Whether it has alerts and none of them fires any more. */
    public boolean allAlertsResolved() {
        return !alerts.isEmpty() && alerts.stream().noneMatch(Alert::firing);
    }

    /**
     * When the trouble began: the earliest {@code startsAt} of its alerts when that is before the
     * declaration, else the declaration. Time to acknowledge (and mitigate, resolve) counts from here.
     */
    public Instant startedAt() {
        return alerts.stream().map(Alert::startsAt).filter(t -> t.isBefore(declaredAt)).min(Instant::compareTo)
                .orElse(declaredAt);
    }

    public Incident withVersion(long newVersion) {
        return change(d -> d.version = newVersion);
    }

    /** When the next reminder is due: the due time, then one more interval per reminder already sent. */
    public Optional<Instant> nextReminderAt() {
        if (nextUpdateDue == null || !isOpen()) {
            return Optional.empty();
        }
        return Optional.of(nextUpdateDue.plus(updateEvery.multipliedBy(remindersSent)));
    }

    /**
     * When to remind the commander that the postmortem is not done: {@code dueAfter} after
     * resolution, then daily. Empty while open or once the postmortem is marked done.
     */
    public Optional<Instant> nextFollowUpAt(Duration dueAfter) {
        if (isOpen() || postmortemDone || resolvedAt == null) {
            return Optional.empty();
        }
        return Optional.of(resolvedAt.plus(dueAfter).plus(Duration.ofDays(remindersSent)));
    }

    public int nextActionNumber() {
        return actionItems.stream().mapToInt(ActionItem::number).max().orElse(0) + 1;
    }

    /** The latest non-blank impact any update gave. */
    public Optional<String> latestImpact() {
        for (int i = updates.size() - 1; i >= 0; i--) {
            String impact = updates.get(i).impact();
            if (impact != null && !impact.isBlank()) {
                return Optional.of(impact);
            }
        }
        return Optional.empty();
    }

    private IncidentDraft draft() {
        return new IncidentDraft(this);
    }

    /** A copy with {@code edit} made to it: the shape of every transition that only sets fields. */
    private Incident change(Consumer<IncidentDraft> edit) {
        IncidentDraft d = draft();
        edit.accept(d);
        return d.build();
    }
}
