package dev.sitrep.commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mutable copy of an {@link Incident}, used only inside its transitions: each transition copies the
 * incident, changes what it changes and builds a new immutable one. The steps that touch several
 * fields at once (re-arming the cadence, moving the status, recording an update) live here.
 */
final class IncidentDraft {
    private final IncidentId id;
    private final String title;
    Severity severity;
    private Status status;
    final Map<String, Member> roles;
    final Map<String, ChannelRef> channels;
    private final boolean privateIncident;
    private final Instant declaredAt;
    private @Nullable Instant acknowledgedAt;
    private @Nullable Instant mitigatedAt;
    private @Nullable Instant resolvedAt;
    private Duration updateEvery;
    @Nullable Instant nextUpdateDue;
    int remindersSent;
    private final List<StatusUpdate> updates;
    final List<ActionItem> actionItems;
    @Nullable String summary;
    final Map<String, FiledDocument> documents;
    boolean postmortemDone;
    SetupProgress setup;
    @Nullable ServiceOf service;
    final List<Task> tasks;
    final List<PageLog> pages;
    long version;
    final List<Alert> alerts;

    IncidentDraft(Incident i) {
        id = i.id();
        title = i.title();
        severity = i.severity();
        status = i.status();
        roles = new LinkedHashMap<>(i.roles());
        channels = new LinkedHashMap<>(i.channels());
        privateIncident = i.privateIncident();
        declaredAt = i.declaredAt();
        acknowledgedAt = i.acknowledgedAt();
        mitigatedAt = i.mitigatedAt();
        resolvedAt = i.resolvedAt();
        updateEvery = i.updateEvery();
        nextUpdateDue = i.nextUpdateDue();
        remindersSent = i.remindersSent();
        updates = new ArrayList<>(i.updates());
        actionItems = new ArrayList<>(i.actionItems());
        summary = i.summary();
        documents = new LinkedHashMap<>(i.documents());
        postmortemDone = i.postmortemDone();
        setup = i.setup();
        service = i.service();
        tasks = new ArrayList<>(i.tasks());
        pages = new ArrayList<>(i.pages());
        version = i.version();
        alerts = new ArrayList<>(i.alerts());
    }

    /** The next update is due one {@code interval} from {@code now}, and nobody has been reminded of it. */
    IncidentDraft rearm(Duration interval, Instant now) {
        updateEvery = interval;
        nextUpdateDue = now.plus(interval);
        remindersSent = 0;
        return this;
    }

    /**
     * Moves to {@code next}, setting the first acknowledgement (only by a person), mitigation and
     * resolution times; resolving stops the reminders, reopening re-arms them at {@code cadence}.
     */
    IncidentDraft moveTo(Status next, Duration cadence, Instant now, boolean byPerson) {
        Status before = status;
        status = next;
        if (byPerson) {
            acknowledge(now);
        }
        if ((next == Status.MONITORING || next == Status.RESOLVED) && mitigatedAt == null) {
            mitigatedAt = now;
        }
        if (next == Status.RESOLVED) {
            resolvedAt = now;
            nextUpdateDue = null;
            remindersSent = 0;
        } else if (before == Status.RESOLVED) {
            resolvedAt = null;
            rearm(cadence, now);
        }
        return this;
    }

    /** The first thing a person does about the incident acknowledges it; later ones change nothing. */
    IncidentDraft acknowledge(Instant now) {
        if (acknowledgedAt == null) {
            acknowledgedAt = now;
        }
        return this;
    }

    /** Records an update; its {@code next:} replaces the severity cadence for this one interval. */
    IncidentDraft addUpdate(StatusUpdate update, Duration cadence) {
        updates.add(update);
        if (update.author().isPerson()) {
            acknowledge(update.at());
        }
        return rearm(update.next() != null ? update.next() : cadence, update.at());
    }

    /** Links action items (by number) to where they are tracked; items already linked keep their link. */
    IncidentDraft linkActionItems(Map<Integer, String> links) {
        actionItems.replaceAll(item -> links.containsKey(item.number()) && item.link() == null
                ? item.withLink(links.get(item.number())) : item);
        return this;
    }

    Incident build() {
        return new Incident(id, title, severity, status, roles, channels, privateIncident, declaredAt,
                acknowledgedAt, mitigatedAt, resolvedAt, updateEvery, nextUpdateDue, remindersSent, updates,
                actionItems, summary, documents, postmortemDone, setup, service, tasks, pages, version, alerts);
    }
}
