package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
        long version) {

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
        if (setup == null) {
            // Stored before setup progress was recorded: an incident with a channel got as far as it
            // would then, and must never get a second kick-off; one without a channel had nothing done.
            setup = channels.isEmpty() ? SetupProgress.NONE : SetupProgress.ALL;
        }
        if (remindersSent < 0) {
            throw new IllegalArgumentException("remindersSent must not be negative");
        }
    }

    /** A new incident, commanded by the one who declared it, with its first update due after one cadence. */
    public static Incident declare(IncidentId id, String title, Severity severity, boolean privateIncident,
                                   Member commander, Instant now, Duration cadence) {
        return new Incident(id, title, severity, Status.INVESTIGATING, Map.of(COMMANDER, commander), Map.of(),
                privateIncident, now, null, null, null, cadence, now.plus(cadence), 0, List.of(), List.of(),
                null, Map.of(), false, SetupProgress.NONE, 0);
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
        Builder b = toBuilder();
        b.channels.put(channel.platform(), channel);
        return b.build();
    }

    /** Records how far the channel's setup got (see {@link SetupProgress}). */
    public Incident withSetup(SetupProgress progress) {
        Builder b = toBuilder();
        b.setup = progress;
        return b.build();
    }

    /** Not set up completely: no channel yet, or a step after the channel failed. */
    public boolean setupUnfinished(String platform) {
        return !channels.containsKey(platform) || !setup.complete();
    }

    public Incident withRole(String role, Member member) {
        Builder b = toBuilder();
        b.roles.put(role, member);
        return b.build();
    }

    /** A new severity brings its cadence and re-arms the next update from now. */
    public Incident withSeverity(Severity newSeverity, Duration cadence, Instant now) {
        Builder b = toBuilder();
        b.severity = newSeverity;
        b.rearm(cadence, now);
        return b.build();
    }

    public Incident movedTo(Status next, Duration cadence, Instant now, boolean byPerson) {
        Builder b = toBuilder();
        b.status = next;
        if (byPerson && b.acknowledgedAt == null) {
            b.acknowledgedAt = now;
        }
        if ((next == Status.MONITORING || next == Status.RESOLVED) && b.mitigatedAt == null) {
            b.mitigatedAt = now;
        }
        if (next == Status.RESOLVED) {
            b.resolvedAt = now;
            b.nextUpdateDue = null;
            b.remindersSent = 0;
        } else if (status == Status.RESOLVED) {
            b.resolvedAt = null;
            b.rearm(cadence, now);
        }
        return b.build();
    }

    /** Records an update; its {@code next:} replaces the severity cadence for this one interval. */
    public Incident withUpdate(StatusUpdate update, Duration cadence) {
        Builder b = toBuilder();
        b.updates.add(update);
        if (b.acknowledgedAt == null && update.author().isPerson()) {
            b.acknowledgedAt = update.at();
        }
        b.rearm(update.next() != null ? update.next() : cadence, update.at());
        return b.build();
    }

    public Incident withActionItem(ActionItem item) {
        Builder b = toBuilder();
        b.actionItems.add(item);
        return b.build();
    }

    /** Action item {@code number} marked done; unchanged when there is no such item. */
    public Incident withActionItemDone(int number) {
        Builder b = toBuilder();
        b.actionItems.replaceAll(item -> item.number() == number ? item.finished() : item);
        return b.build();
    }

    public Optional<ActionItem> actionItem(int number) {
        return actionItems.stream().filter(a -> a.number() == number).findFirst();
    }

    public Incident snoozedUntil(Instant until) {
        Builder b = toBuilder();
        b.nextUpdateDue = until;
        b.remindersSent = 0;
        return b.build();
    }

    public Incident resolved(@Nullable String resolutionSummary, Instant now) {
        Incident moved = movedTo(Status.RESOLVED, updateEvery, now, true);
        Builder b = moved.toBuilder();
        if (resolutionSummary != null && !resolutionSummary.isBlank()) {
            b.summary = resolutionSummary;
        }
        return b.build();
    }

    public Incident reminded(int missed) {
        Builder b = toBuilder();
        b.remindersSent = missed;
        return b.build();
    }

    /** Remembers where a sink filed the postmortem (and its action items), so filing again updates them. */
    public Incident withDocument(FiledDocument document) {
        Builder b = withActionItemLinks(document.actionItems()).toBuilder();
        b.documents.put(document.sink(), document);
        return b.build();
    }

    /** Links action items (by number) to where they are tracked; items already linked keep their link. */
    public Incident withActionItemLinks(Map<Integer, String> links) {
        Builder b = toBuilder();
        b.actionItems.replaceAll(item -> links.containsKey(item.number()) && item.link() == null
                ? item.withLink(links.get(item.number())) : item);
        return b.build();
    }

    public Incident withPostmortemDone(boolean done) {
        Builder b = toBuilder();
        b.postmortemDone = done;
        return b.build();
    }

    /**
     * The same incident with every piece of user text passed through {@code f} (title, summary,
     * updates, action items); used to redact secrets before a postmortem leaves the chat platform.
     */
    public Incident mapText(java.util.function.UnaryOperator<String> f) {
        java.util.function.UnaryOperator<String> g = t -> t == null ? null : f.apply(t);
        List<StatusUpdate> mappedUpdates = updates.stream().map(u -> u.mapText(f)).toList();
        List<ActionItem> mappedItems = actionItems.stream().map(a -> new ActionItem(a.number(), f.apply(a.text()),
                a.owner(), a.due(), a.done(), a.createdAt(), a.createdBy(), a.link())).toList();
        return new Incident(id, f.apply(title), severity, status, roles, channels, privateIncident, declaredAt,
                acknowledgedAt, mitigatedAt, resolvedAt, updateEvery, nextUpdateDue, remindersSent, mappedUpdates,
                mappedItems, g.apply(summary), documents, postmortemDone, setup, version);
    }

    public Incident withVersion(long newVersion) {
        Builder b = toBuilder();
        b.version = newVersion;
        return b.build();
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

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used only inside the transitions above. */
    private static final class Builder {
        private final IncidentId id;
        private final String title;
        private Severity severity;
        private Status status;
        private final Map<String, Member> roles;
        private final Map<String, ChannelRef> channels;
        private final boolean privateIncident;
        private final Instant declaredAt;
        private @Nullable Instant acknowledgedAt;
        private @Nullable Instant mitigatedAt;
        private @Nullable Instant resolvedAt;
        private Duration updateEvery;
        private @Nullable Instant nextUpdateDue;
        private int remindersSent;
        private final List<StatusUpdate> updates;
        private final List<ActionItem> actionItems;
        private @Nullable String summary;
        private final Map<String, FiledDocument> documents;
        private boolean postmortemDone;
        private SetupProgress setup;
        private long version;

        Builder(Incident i) {
            id = i.id;
            title = i.title;
            severity = i.severity;
            status = i.status;
            roles = new LinkedHashMap<>(i.roles);
            channels = new LinkedHashMap<>(i.channels);
            privateIncident = i.privateIncident;
            declaredAt = i.declaredAt;
            acknowledgedAt = i.acknowledgedAt;
            mitigatedAt = i.mitigatedAt;
            resolvedAt = i.resolvedAt;
            updateEvery = i.updateEvery;
            nextUpdateDue = i.nextUpdateDue;
            remindersSent = i.remindersSent;
            updates = new ArrayList<>(i.updates);
            actionItems = new ArrayList<>(i.actionItems);
            summary = i.summary;
            documents = new LinkedHashMap<>(i.documents);
            postmortemDone = i.postmortemDone;
            setup = i.setup;
            version = i.version;
        }

        void rearm(Duration interval, Instant now) {
            updateEvery = interval;
            nextUpdateDue = now.plus(interval);
            remindersSent = 0;
        }

        Incident build() {
            return new Incident(id, title, severity, status, roles, channels, privateIncident, declaredAt,
                    acknowledgedAt, mitigatedAt, resolvedAt, updateEvery, nextUpdateDue, remindersSent, updates,
                    actionItems, summary, documents, postmortemDone, setup, version);
        }
    }
}
