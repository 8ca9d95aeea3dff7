package dev.sitrep.templates;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import java.time.Instant;

/**
 * How one platform writes things templates cannot write literally: its escaping, mentions,
 * channel links and times. Every method but {@link #outputFormat()} returns trusted markup.
 */
public interface Dialect {

    /** Names the dialect (its output format's name); platform-specific templates live in a folder of this name. */
    default String name() {
        return outputFormat().getName();
    }

    EscapingOutputFormat outputFormat();

    String mention(Member member);

    String channel(ChannelRef channel);

    /** A point in time as each reader should see it (their local time where the platform can). */
    String time(Instant at);

    /** A point in time relative to now: "in 15m", "3m ago", or a live countdown where the platform has one. */
    String relative(Instant at);
}
