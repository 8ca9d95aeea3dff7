package dev.sitrep.templates;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import java.time.Instant;
import java.util.Optional;

/**
 * How one platform writes things templates cannot write literally: its escaping, mentions,
 * channel links and times. Every method but {@link #outputFormat()} returns trusted markup.
 *
 * <p>A member or channel id means something only on its own platform: a Discord snowflake written
 * as a Slack mention points at nobody (or at someone else). So a dialect links only members and
 * channels of {@link #platform()}; everyone else's appear as plain names.
 */
public interface Dialect {

    /** Names the dialect (its output format's name); platform-specific templates live in a folder of this name. */
    default String name() {
        return outputFormat().getName();
    }

    EscapingOutputFormat outputFormat();

    /** The chat platform whose members and channels this dialect can link; empty for documents read off-platform. */
    default Optional<String> platform() {
        return Optional.empty();
    }

    /** A member as mention on this dialect's platform, or as plain name when they belong to another. */
    default String mention(Member member) {
        return isOwn(member.platform()) ? ownMention(member) : plainName(member);
    }

    /** A channel as link on this dialect's platform, or as plain {@code #name} when it lives on another. */
    default String channel(ChannelRef channel) {
        return isOwn(channel.platform()) ? ownChannel(channel) : plainName(channel);
    }

    /** A member of {@link #platform()} the way that platform mentions them; a dialect of no platform never links. */
    default String ownMention(Member member) {
        return plainName(member);
    }

    /** A channel of {@link #platform()} the way that platform links it; a dialect of no platform never links. */
    default String ownChannel(ChannelRef channel) {
        return plainName(channel);
    }

    private String plainName(Member member) {
        return outputFormat().escapePlainText(member.displayName());
    }

    private String plainName(ChannelRef channel) {
        return "#" + outputFormat().escapePlainText(channel.name());
    }

    private boolean isOwn(String platformName) {
        return platform().filter(platformName::equals).isPresent();
    }

    /**
     * User text where the platform shows it without markup ({@code plain(title)} in a Slack
     * {@code plain_text} object): only what the output itself needs escaped. By default the same as
     * any interpolation.
     */
    default String plainText(String text) {
        return outputFormat().escapePlainText(text);
    }

    /** A point in time as each reader should see it (their local time where the platform can). */
    String time(Instant at);

    /** A point in time relative to now: "in 15m", "3m ago", or a live countdown where the platform has one. */
    String relative(Instant at);
}
