package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.ChannelRef;

/** A message a platform accepted: its channel and the platform's id for it (Slack ts, Discord snowflake). */
public record PostedMessage(ChannelRef channel, String id) {
}
