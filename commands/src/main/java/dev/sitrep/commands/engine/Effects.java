package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Effect;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The effects a decision asks for, one per channel (or broadcast channel) of the incident. */
final class Effects {

    private Effects() {
    }

    static List<Effect> post(Incident incident, Message message) {
        return incident.channels().values().stream().<Effect>map(c -> new Effect.Post(null, c, message)).toList();
    }

    /** To every broadcast channel of each platform of the incident ({@link #broadcasts}). */
    static List<Effect> announce(Incident incident, Message message) {
        return incident.channels().keySet().stream().flatMap(p -> broadcasts(incident).stream()
                .<Effect>map(channel -> new Effect.Announce(null, p, message, channel))).toList();
    }

    /**
     * Where an incident is announced on each platform: the platform's broadcast channel (null) and, when
     * its service names one, the service's broadcast channel too, so whoever follows all incidents still
     * sees every one.
     */
    static List<@Nullable String> broadcasts(Incident incident) {
        String own = incident.service() == null ? null : incident.service().broadcastChannel();
        return own == null ? java.util.Collections.singletonList(null) : java.util.Arrays.asList(null, own);
    }

    static List<Effect> topic(Incident incident) {
        return incident.channels().values().stream()
                .<Effect>map(c -> new Effect.SetTopic(null, c, new Messages.Topic(incident))).toList();
    }

    static List<Effect> commanderChanged(Incident incident, @Nullable Member previous, Member current) {
        // sitrep commands an incident an alert declared until a person takes it; it holds no platform role.
        Member before = previous != null && previous.isPerson() ? previous : null;
        return incident.channels().values().stream()
                .<Effect>map(c -> new Effect.CommanderChanged(null, c, before, current)).toList();
    }

    static List<Effect> resolved(Incident incident) {
        return incident.channels().values().stream().<Effect>map(c -> new Effect.Resolved(null, c, incident)).toList();
    }

    /** Into the channel on the platform the command came from, if the incident has one there. */
    static List<Effect> invite(Incident incident, Member member, String platform) {
        ChannelRef channel = incident.channels().get(platform);
        return channel == null ? List.of() : List.of(new Effect.Invite(null, channel, member));
    }
}
