package dev.sitrep.commands.engine;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.service.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What every handler does: find the incident of a channel, check who may act, commit its decision, answer. */
final class HandlerSupport {

    private static final System.Logger LOG = System.getLogger(HandlerSupport.class.getName());

    private static final int MAX_WRITE_ATTEMPTS = 20;

    private final EngineSettings settings;
    private final Ports ports;
    private final Map<String, ChatPlatform> platforms = new LinkedHashMap<>();
    private final ExactlyOnce once;
    private final Outbox outbox;

    HandlerSupport(EngineSettings settings, Ports ports) {
        this.settings = settings;
        this.ports = ports;
        ports.platforms().forEach(p -> platforms.put(p.name(), p));
        this.once = new ExactlyOnce(ports.idempotencyKeys(), settings.effectHold());
        this.outbox = new Outbox(ports.store(), once, this::platform, new Pages(ports.pager(), this::recordQuietly,
                id -> ports.store().find(id).orElseThrow(() -> new IllegalStateException(id + " disappeared from the store")),
                ports.clock()), new Outbox.Failures(ports.idempotencyKeys(), settings.effectRetries(), ports.observer(),
                this::recordQuietly, ports.clock()));
    }

    EngineSettings settings() {
        return settings;
    }

    Ports ports() {
        return ports;
    }

    Instant now() {
        return ports.clock().instant();
    }

    ChatPlatform platform(String name) {
        ChatPlatform platform = platforms.get(name);
        if (platform == null) {
            throw new IllegalStateException("no chat platform named " + name);
        }
        return platform;
    }

    /** The incident whose channel the command was typed in; elsewhere the caller is told where incidents are. */
    Incident incidentOf(Invocation invocation, Verb verb) {
        Incident incident = ports.store().findByChannel(invocation.channel())
                .orElseThrow(() -> new Rejected("This is not an incident channel; run it in the incident's channel.",
                        verb, true));
        ports.observer().workingOn(incident.id());
        return incident;
    }

    Incident openIncidentOf(Invocation invocation, Verb verb) {
        Incident incident = incidentOf(invocation, verb);
        if (!incident.isOpen()) {
            throw new Rejected(incident.id() + " is resolved. A commander can reopen it with /incident status investigating.",
                    verb);
        }
        return incident;
    }

    Member member(Invocation invocation, String mentionKey, String typed, Verb verb) {
        return platform(invocation.platform()).findMember(mentionKey)
                .orElseThrow(() -> new Rejected("'" + typed + "' is not a member of this workspace.", verb));
    }

    boolean isAdmin(Member member) {
        return settings.isAdmin(member);
    }

    /**
     * Commander-only decisions: handing over command, resolving, reopening. An incident that an alert
     * declared is commanded by sitrep until a person takes command, so anyone may until then.
     */
    void requireCommander(Incident incident, Member caller, String what, Verb verb) {
        if (incident.holds(caller, Incident.COMMANDER) || isAdmin(caller)
                || incident.commander().filter(Member::isPerson).isEmpty()) {
            return;
        }
        String commander = incident.commander().map(m -> " (" + m.displayName() + ")").orElse("");
        throw new Rejected("Only the commander" + commander + " or an admin can " + what + " " + incident.id() + ".",
                verb);
    }

    /** Updates and the rhythm come from whoever holds one of the configured update roles (commander and comms by default). */
    void requireLead(Incident incident, Member caller, String what, Verb verb) {
        if (settings.updateRoles().stream().anyMatch(role -> incident.holds(caller, role)) || isAdmin(caller)) {
            return;
        }
        List<String> others = settings.updateRoles().stream().filter(r -> !r.equals(Incident.COMMANDER)).toList();
        String who = "the commander" + (others.isEmpty() ? "" : " or the " + String.join(" or ", others) + " role");
        throw new Rejected("Only " + who + " can " + what + " for " + incident.id() + ".", verb);
    }

    /**
     * Decides and commits one change: reads the incident, asks {@code decide} what changes (it may
     * throw {@link Rejected}; then nothing is written), commits state, timeline, timer and effects in
     * one step, and carries the effects out. When another writer got in first it decides again on
     * what that writer stored. Returns the committed change ({@code after} as stored).
     */
    Change apply(IncidentId id, Function<Incident, Change> decide) {
        return apply(null, id, decide);
    }

    /**
     * {@link #apply(IncidentId, Function)} for a command: the message it posts in the channel it was
     * typed in is handed to its answer, so the confirmation links what this command posted (not
     * whatever was posted there last).
     */
    Change apply(@Nullable Invocation invocation, IncidentId id, Function<Incident, Change> decide) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            Incident current = ports.store().find(id)
                    .orElseThrow(() -> new IllegalStateException(id + " disappeared from the store"));
            Change change = decide.apply(current);
            if (change.isEmpty()) {
                return change;
            }
            CommandPosts posts = invocation == null ? null : new CommandPosts(invocation);
            Optional<Change> committed = commit(change, posts == null ? Outbox.NOBODY_ASKS : posts);
            if (committed.isPresent()) {
                if (posts != null) {
                    tellIfLate(invocation, posts, committed.get().after());
                }
                return committed.get();
            }
        }
        throw new IllegalStateException(id + " is being changed by too many writers at once; try again");
    }

    /**
     * Commits one change (effects without a key of their own get {@code change:<n>:<version>:<i>},
     * unique since every commit takes the next version) and carries out the incident's outbox;
     * empty on a version conflict.
     */
    Optional<Change> commit(Change change) {
        return commit(change, Outbox.NOBODY_ASKS);
    }

    /** {@link #commit(Change)}, told of each post its drain carries out (this replica's, not another's). */
    Optional<Change> commit(Change change, Outbox.Posted posted) {
        Change toCommit = keyed(change);
        Optional<IncidentStore.Committed> stored = ports.store().commitAndPending(toCommit);
        stored.ifPresent(s -> postCommitted(s.incident().id(), posted, s.pending()));
        return stored.map(s -> toCommit.committed(s.incident(), toCommit.effects()));
    }

    /** Best effort: the command is recorded whatever happens to this notice. */
    private void tellIfLate(Invocation invocation, CommandPosts posts, Incident incident) {
        var notice = posts.lateNotice(incident);
        if (notice == null) {
            return;
        }
        try {
            reply(invocation, notice);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not tell the caller that " + incident.id() + "'s post is late: "
                    + e.getMessage());
        }
    }

    /**
     * The change is recorded: a failure from here on must not tell the caller to run it again (that
     * would record it twice). What could not be posted stays in the outbox for the next tick.
     */
    private void postCommitted(IncidentId id, Outbox.Posted posted, List<Effect> pending) {
        try {
            outbox.drain(id, posted, pending);
        } catch (RuntimeException e) {
            posted.failed(null, e);
            LOG.log(System.Logger.Level.WARNING, "Recorded, but could not post for " + id + " now (the next tick"
                    + " does): " + e.getMessage());
        }
    }

    /** {@link #apply} without carrying out the outbox: for what the outbox itself records while it drains. */
    private void recordQuietly(IncidentId id, Function<Incident, Change> decide) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            Incident current = ports.store().find(id)
                    .orElseThrow(() -> new IllegalStateException(id + " disappeared from the store"));
            Change change = decide.apply(current);
            if (change.isEmpty() || ports.store().commit(keyed(change)).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException(id + " is being changed by too many writers at once; try again");
    }

    /** The change with a key on every effect that has none: {@code change:<n>:<version>:<i>}. */
    private static Change keyed(Change change) {
        String prefix = "change:" + change.after().id().number() + ":" + change.nextVersion() + ":";
        List<Effect> keyed = new ArrayList<>();
        for (Effect effect : change.effects()) {
            keyed.add(effect.key() != null ? effect : effect.withKey(prefix + keyed.size()));
        }
        return change.committed(change.after(), keyed);
    }

    /** The configured service of this name; unknown names are refused with the names that exist. */
    Service service(String name, Verb verb) {
        return ports.services().find(name).orElseThrow(() -> new Rejected("There is no service '" + name + "'. "
                + (ports.services().all().isEmpty() ? "No services are configured (sitrep.services.<name>)."
                : "Known services: " + String.join(", ", ports.services().names()) + "."), verb));
    }

    ExactlyOnce once() {
        return once;
    }

    Outbox outbox() {
        return outbox;
    }

    TimelineEntry entry(Member actor, TimelineEntry.Kind kind, String text) {
        return new TimelineEntry(now(), actor, kind, text);
    }

    /** The update form, opened as the command's answer where the platform answers with forms (Slack's trigger). */
    boolean openUpdateForm(Invocation invocation, Incident incident) {
        return invocation.answer() != null && invocation.answer().openUpdateForm(incident)
                || platform(invocation.platform()).openUpdateForm(invocation.channel(), invocation.caller(), incident);
    }

    void reply(Invocation invocation, Message message) {
        if (invocation.answer() != null) {
            invocation.answer().send(message);
            return;
        }
        platform(invocation.platform()).replyPrivately(invocation.channel(), invocation.caller(), message);
    }

}
