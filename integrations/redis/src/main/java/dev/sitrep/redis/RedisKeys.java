package dev.sitrep.redis;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.IncidentId;

/** Every key sitrep writes, under one prefix ({@code sitrep:} by default) so an operator can share a Redis. */
public record RedisKeys(String prefix) {

    public RedisKeys {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("key prefix must not be blank");
        }
    }

    public static RedisKeys defaults() {
        return new RedisKeys("sitrep:");
    }

    String sequence() {
        return prefix + "incident:seq";
    }

    String incident(IncidentId id) {
        return incidentPrefix() + id.number();
    }

    /** What an incident's key is before its number (for a script that reads incidents by number). */
    String incidentPrefix() {
        return prefix + "incident:";
    }

    String timeline(IncidentId id) {
        return prefix + "incident:" + id.number() + ":timeline";
    }

    String outbox(IncidentId id) {
        return prefix + "incident:" + id.number() + ":outbox";
    }

    String outboxIndex() {
        return prefix + "outbox";
    }

    String openIncidents() {
        return prefix + "incidents:open";
    }

    String channel(ChannelRef channel) {
        return prefix + "channel:" + channel.platform() + ":" + channel.id();
    }

    String timers() {
        return prefix + "timers";
    }

    String lease(String name) {
        return prefix + "lease:" + name;
    }

    String idempotency(String key) {
        return prefix + "idem:" + key;
    }

    String alertGroup(String group) {
        return prefix + "alert-group:" + group;
    }

    String alertTriage(IncidentId reserved) {
        return prefix + "alert-triage:" + reserved.number();
    }
}
