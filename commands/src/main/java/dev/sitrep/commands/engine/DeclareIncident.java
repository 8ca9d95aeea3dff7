package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.commands.port.PostedMessage;
import java.time.Duration;
import java.time.Instant;

/** {@code start}: records the incident first, then opens and prepares its channel, then announces it. */
final class DeclareIncident implements CommandHandler<Command.Start> {

    private final HandlerSupport support;

    DeclareIncident(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.Start command, Invocation invocation) {
        ChatPlatform platform = support.platform(invocation.platform());
        Member caller = invocation.caller();
        Instant now = support.now();
        Incident incident = unfinished(command, caller, platform.name()).orElseGet(() -> declare(command, caller, now));
        IncidentId id = incident.id();
        support.ports().observer().workingOn(id);

        String name = ChannelNames.of(support.settings().channelPrefix(), id, command.title(),
                platform.maxChannelNameLength());
        ChannelRef channel;
        try {
            channel = platform.openChannel(name, command.privateIncident());
        } catch (PlatformFailure e) {
            throw new PlatformFailure(id + " is recorded, but its channel could not be made: " + e.getMessage(), e);
        }
        incident = support.modify(id, i -> i.withChannel(channel));
        platform.invite(channel, caller);
        platform.commanderChanged(channel, null, caller);
        platform.setTopic(channel, new Messages.Topic(incident));
        PostedMessage kickoff = platform.post(channel, new Messages.Kickoff(incident));
        platform.pin(kickoff);
        platform.announce(new Messages.Announcement(incident, channel));
        support.reply(invocation, new Messages.CommandAccepted(
                "Declared " + id + "; you are its commander. Head to #" + channel.name() + ".", incident));
    }

    /** Recorded before any channel exists, so a platform failure never loses the declaration. */
    private Incident declare(Command.Start command, Member caller, Instant now) {
        Duration cadence = support.settings().cadence(command.severity());
        IncidentId id = support.ports().store().nextId();
        Incident incident = support.ports().store().create(Incident.declare(id, command.title(), command.severity(),
                command.privateIncident(), caller, now, cadence));
        support.record(incident, new TimelineEntry(now, caller, TimelineEntry.Kind.DECLARED, "Declared "
                + command.severity().label() + ": " + command.title() + (command.privateIncident() ? " (private)" : "")));
        support.record(incident, new TimelineEntry(now, caller, TimelineEntry.Kind.ROLE,
                caller.displayName() + " is commander"));
        support.ports().timers().arm(id, incident.nextUpdateDue());
        return incident;
    }

    /**
     * The same caller's open incident with the same title whose channel could not be made: running
     * the same start again finishes it instead of declaring a second incident.
     */
    private java.util.Optional<Incident> unfinished(Command.Start command, Member caller, String platform) {
        return support.ports().store().open().stream()
                .filter(i -> i.channelOn(platform).isEmpty() && i.title().equals(command.title())
                        && i.holds(caller, Incident.COMMANDER))
                .findFirst();
    }
}
