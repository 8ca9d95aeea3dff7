package dev.sitrep.commands.inbound;

import dev.sitrep.commands.Verb;
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

    /** A typed {@code /incident …} command; its verb is the word the parser dispatches on, help when none is known. */
    public static Delivery typed(String platform, String id, String channel, String text) {
        String first = text.strip().split("\\s+", 2)[0];
        return new Delivery(platform, id, channel, Verb.of(first).map(Verb::word).orElse(Verb.HELP.word()));
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
