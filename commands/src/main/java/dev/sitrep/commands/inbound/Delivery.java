package dev.sitrep.commands.inbound;

import java.util.Objects;

/**
 * One request as a platform delivered it: which platform, the platform's own id for this delivery
 * (a Slack trigger, event or view id, a Discord interaction id, a console line), the channel it
 * belongs to (its work is ordered behind earlier work of that channel) and what it asks for (the
 * verb or event, for logs and metrics).
 *
 * @param id unique per platform and kind, e.g. {@code command:<trigger id>}, {@code interaction:<id>}
 */
public record Delivery(String platform, String id, String channel, String verb) {

    public Delivery {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(verb, "verb");
    }

    /** The idempotency key: the same on every replica for every retry or replay of this delivery. */
    public String key() {
        return platform + ":" + id;
    }

    /** Work of one channel runs in arrival order; the same channel id on two platforms is two channels. */
    String queue() {
        return platform + ":" + channel;
    }
}
