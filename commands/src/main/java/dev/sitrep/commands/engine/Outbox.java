package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.PostedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Carries out the effects of committed changes, from the incident's outbox, each exactly once
 * ({@link ExactlyOnce}). Right after a commit the committing replica drains that incident; each
 * rhythm tick drains every incident, so effects a crashed replica left behind are carried out too.
 * An effect that fails stays in the outbox and is tried again on the next tick; one platform
 * failing never keeps the others (or the next effects) silent.
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** Told of each message posted while draining, where it landed (for a command's jump link). */
    @FunctionalInterface
    interface Posted {
        void posted(Effect.Post effect, PostedMessage message);

        /** An effect failed and stays in the outbox; {@code effect} is null when the whole drain failed. */
        default void failed(@Nullable Effect effect, RuntimeException e) {
        }
    }

    static final Posted NOBODY_ASKS = (effect, message) -> {
    };

    private final IncidentStore store;
    private final ExactlyOnce once;
    private final Function<String, ChatPlatform> platforms;

    Outbox(IncidentStore store, ExactlyOnce once, Function<String, ChatPlatform> platforms) {
        this.store = store;
        this.once = once;
        this.platforms = platforms;
    }

    /** Drains every incident with pending effects; returns what was carried out now, per incident. */
    Map<IncidentId, List<Effect>> drainAll() {
        Map<IncidentId, List<Effect>> done = new java.util.LinkedHashMap<>();
        for (IncidentId id : store.withPendingEffects()) {
            List<Effect> now = drain(id, NOBODY_ASKS);
            if (!now.isEmpty()) {
                done.put(id, now);
            }
        }
        return done;
    }

    /** Carries out the pending effects of one incident in commit order; returns those done now. */
    List<Effect> drain(IncidentId id) {
        return drain(id, NOBODY_ASKS);
    }

    List<Effect> drain(IncidentId id, Posted posted) {
        List<Effect> done = new ArrayList<>();
        for (Effect effect : store.pendingEffects(id)) {
            String key = effect.key();
            try {
                ExactlyOnce.Outcome outcome = once.run(key, alreadyThere(effect), () -> carryOut(effect, posted)).outcome();
                if (outcome == ExactlyOnce.Outcome.BUSY) {
                    continue;
                }
                store.effectDone(id, key);
                if (outcome == ExactlyOnce.Outcome.DONE) {
                    done.add(effect);
                }
            } catch (RuntimeException e) {
                posted.failed(effect, e);
                LOG.log(System.Logger.Level.WARNING, "Could not " + describe(effect) + " on " + effect.platform()
                        + " for " + id + " (tried again on the next tick): " + e.getMessage());
            }
        }
        return done;
    }

    private @Nullable BooleanSupplier alreadyThere(Effect effect) {
        ChatPlatform platform = platforms.apply(effect.platform());
        if (effect instanceof Effect.Post p) {
            return () -> platform.alreadyPosted(p.channel(), p.key());
        }
        if (effect instanceof Effect.Announce a) {
            return () -> platform.alreadyAnnounced(a.key());
        }
        return null;
    }

    private @Nullable Void carryOut(Effect effect, Posted posted) {
        ChatPlatform platform = platforms.apply(effect.platform());
        if (effect instanceof Effect.Post p) {
            PostedMessage message = platform.post(p.channel(), p.message(), p.key());
            if (message != null) {
                posted.posted(p, message);
            }
        } else if (effect instanceof Effect.Announce a) {
            platform.announce(a.message(), a.key());
        } else if (effect instanceof Effect.SetTopic t) {
            platform.setTopic(t.channel(), t.topic());
        } else if (effect instanceof Effect.Invite i) {
            platform.invite(i.channel(), i.member());
        } else if (effect instanceof Effect.CommanderChanged c) {
            platform.commanderChanged(c.channel(), c.previous(), c.current());
        } else if (effect instanceof Effect.Resolved r) {
            platform.incidentResolved(r.channel(), r.incident());
        }
        return null;
    }

    private static String describe(Effect effect) {
        if (effect instanceof Effect.Post p) {
            return "post " + p.message().template();
        }
        if (effect instanceof Effect.Announce a) {
            return "announce " + a.message().template();
        }
        return effect.getClass().getSimpleName();
    }
}
