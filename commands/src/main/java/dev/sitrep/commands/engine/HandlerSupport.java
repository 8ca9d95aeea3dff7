package dev.sitrep.commands.engine;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PostedMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What every handler does: find the incident of a channel, check who may act, write with retries, post. */
final class HandlerSupport {

    private static final System.Logger LOG = System.getLogger(HandlerSupport.class.getName());
    private static final int MAX_WRITE_ATTEMPTS = 20;

    private final EngineSettings settings;
    private final Ports ports;
    private final Map<String, ChatPlatform> platforms = new LinkedHashMap<>();

    HandlerSupport(EngineSettings settings, Ports ports) {
        this.settings = settings;
        this.ports = ports;
        ports.platforms().forEach(p -> platforms.put(p.name(), p));
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

    /** Commander-only decisions: handing over command, resolving, reopening. */
    void requireCommander(Incident incident, Member caller, String what, Verb verb) {
        if (incident.holds(caller, Incident.COMMANDER) || isAdmin(caller)) {
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
     * Applies a change with compare-and-set, re-reading and re-applying when another writer got in
     * first. The change may throw {@link Rejected}; then nothing is written.
     */
    Incident modify(IncidentId id, UnaryOperator<Incident> change) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            Incident current = ports.store().find(id)
                    .orElseThrow(() -> new IllegalStateException(id + " disappeared from the store"));
            Incident changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            Optional<Incident> stored = ports.store().replace(current, changed);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        throw new IllegalStateException(id + " is being changed by too many writers at once; try again");
    }

    void record(Incident incident, Member actor, TimelineEntry.Kind kind, String text) {
        ports.store().append(incident.id(), new TimelineEntry(now(), actor, kind, text));
    }

    void record(Incident incident, TimelineEntry entry) {
        ports.store().append(incident.id(), entry);
    }

    /**
     * Posts in every channel the incident has; one platform failing does not keep the others silent.
     * The message posted where the command was typed is handed to the command's answer, so its
     * confirmation can link to what this command posted (not to whatever was posted there last).
     */
    void postInChannels(Invocation invocation, Incident incident, Message message) {
        incident.channels().values().forEach(channel -> safely(channel.platform(), "post " + message.template(), () -> {
            PostedMessage posted = platform(channel.platform()).post(channel, message);
            if (invocation.answer() != null && posted != null && channel.platform().equals(invocation.platform())
                    && channel.id().equals(invocation.channel().id())) {
                invocation.answer().posted(posted);
            }
        }));
    }

    /** The update form, opened as the command's answer where the platform answers with forms (Slack's trigger). */
    boolean openUpdateForm(Invocation invocation, Incident incident) {
        return invocation.answer() != null && invocation.answer().openUpdateForm(incident)
                || platform(invocation.platform()).openUpdateForm(invocation.channel(), invocation.caller(), incident);
    }

    void announce(Incident incident, Message message) {
        incident.channels().keySet().forEach(name -> safely(name, "announce " + message.template(),
                () -> platform(name).announce(message)));
    }

    void refreshTopic(Incident incident) {
        incident.channels().values().forEach(channel -> safely(channel.platform(), "set topic",
                () -> platform(channel.platform()).setTopic(channel, new dev.sitrep.commands.message.Messages.Topic(incident))));
    }

    void reply(Invocation invocation, Message message) {
        if (invocation.answer() != null) {
            invocation.answer().send(message);
            return;
        }
        platform(invocation.platform()).replyPrivately(invocation.channel(), invocation.caller(), message);
    }

    /** Tells every platform of the incident that command changed hands. */
    void commanderChanged(Incident incident, Member previous, Member current) {
        incident.channels().values().forEach(channel -> safely(channel.platform(), "move the commander role",
                () -> platform(channel.platform()).commanderChanged(channel, previous, current)));
    }

    void resolvedEverywhere(Incident incident) {
        incident.channels().values().forEach(channel -> safely(channel.platform(), "close the channel",
                () -> platform(channel.platform()).incidentResolved(channel, incident)));
    }

    void inviteEverywhere(Incident incident, Member member, String platformName) {
        ChannelRef channel = incident.channels().get(platformName);
        if (channel != null) {
            safely(platformName, "invite", () -> platform(platformName).invite(channel, member));
        }
    }

    private void safely(String platformName, String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not " + what + " on " + platformName + ": " + e.getMessage());
        }
    }
}
