package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.PostedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Pages pages;

    Outbox(IncidentStore store, ExactlyOnce once, Function<String, ChatPlatform> platforms, Pages pages) {
        this.store = store;
        this.once = once;
        this.platforms = platforms;
        this.pages = pages;
    }

    /** Carrying out a page commits what became of it, which may add posts: those are drained in the next round. */
    private static final int ROUNDS = 3;

    /** Drains every incident with pending effects; returns what was carried out now, per incident. */
    Map<IncidentId, List<Effect>> drainAll() {
        return drainAll(null);
    }

    /**
     * {@link #drainAll()}, limited to effects whose key is in {@code ripe} (all when null): a sweep
     * leaves a change committed a moment ago to the command that committed it, which drains it at
     * once and links its own post in its answer. Were the sweep to take it first, the command would
     * find it busy and could not say where its message landed.
     */
    Map<IncidentId, List<Effect>> drainAll(@Nullable Set<String> ripe) {
        Map<IncidentId, List<Effect>> done = new java.util.LinkedHashMap<>();
        for (IncidentId id : store.withPendingEffects()) {
            List<Effect> now = drain(id, NOBODY_ASKS, ripe, null);
            if (!now.isEmpty()) {
                done.put(id, now);
            }
        }
        return done;
    }

    /** The keys of every effect waiting in any outbox now. */
    Set<String> pendingKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (IncidentId id : store.withPendingEffects()) {
            for (Effect effect : store.pendingEffects(id)) {
                keys.add(effect.key());
            }
        }
        return keys;
    }

    /** Carries out the pending effects of one incident in commit order; returns those done now. */
    List<Effect> drain(IncidentId id) {
        return drain(id, NOBODY_ASKS);
    }

    List<Effect> drain(IncidentId id, Posted posted) {
        return drain(id, posted, null, null);
    }

    /** {@link #drain(IncidentId, Posted)}, starting from {@code pending}: the outbox as its commit read it. */
    List<Effect> drain(IncidentId id, Posted posted, List<Effect> pending) {
        return drain(id, posted, null, pending);
    }

    private List<Effect> drain(IncidentId id, Posted posted, @Nullable Set<String> ripe, @Nullable List<Effect> pending) {
        List<Effect> done = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int before = done.size();
            boolean paged = drainOnce(id, posted, done, ripe, round == 0 ? pending : null);
            if (!paged || done.size() == before) {
                break;
            }
        }
        return done;
    }

    /** One pass over the pending effects; true when a page was carried out (its record may have added effects). */
    private boolean drainOnce(IncidentId id, Posted posted, List<Effect> done, @Nullable Set<String> ripe,
                              @Nullable List<Effect> pending) {
        boolean paged = false;
        for (Effect effect : pending != null ? pending : store.pendingEffects(id)) {
            String key = effect.key();
            if (ripe != null && !ripe.contains(key)) {
                // Committed after the sweep's snapshot, and so is everything after it: commit order is kept.
                break;
            }
            if (done.stream().anyMatch(d -> d.key().equals(key))) {
                continue;
            }
            try {
                // Done now: the key is marked done and the effect leaves the outbox in one write where the
                // store keeps both; else (or when it was done before) effectDone follows the key's complete.
                boolean[] takenOut = new boolean[1];
                ExactlyOnce.Outcome outcome = once.run(key, alreadyThere(id, effect),
                        () -> carryOut(id, effect, posted),
                        (k, keep) -> takenOut[0] = store.completeEffect(id, k, keep)).outcome();
                if (outcome == ExactlyOnce.Outcome.BUSY) {
                    continue;
                }
                if (!takenOut[0]) {
                    store.effectDone(id, key);
                }
                if (outcome == ExactlyOnce.Outcome.DONE) {
                    done.add(effect);
                    paged |= isPage(effect);
                }
            } catch (RuntimeException e) {
                posted.failed(effect, e);
                LOG.log(System.Logger.Level.WARNING, "Could not " + describe(effect) + " on " + effect.platform()
                        + " for " + id + " (tried again on the next tick): " + e.getMessage());
            }
        }
        return paged;
    }

    private static boolean isPage(Effect effect) {
        return effect instanceof Effect.Page || effect instanceof Effect.ResolvePage;
    }

    private @Nullable BooleanSupplier alreadyThere(IncidentId id, Effect effect) {
        if (isPage(effect)) {
            return pages.alreadyThere(id, effect);
        }
        ChatPlatform platform = platforms.apply(effect.platform());
        if (effect instanceof Effect.Post p) {
            return () -> platform.alreadyPosted(p.channel(), p.key());
        }
        if (effect instanceof Effect.Announce a) {
            return a.channel() == null ? () -> platform.alreadyAnnounced(a.key())
                    : () -> platform.alreadyAnnouncedIn(a.channel(), a.key());
        }
        return null;
    }

    private @Nullable Void carryOut(IncidentId id, Effect effect, Posted posted) {
        if (isPage(effect)) {
            pages.carryOut(id, effect);
            return null;
        }
        ChatPlatform platform = platforms.apply(effect.platform());
        if (effect instanceof Effect.Post p) {
            PostedMessage message = platform.post(p.channel(), p.message(), p.key());
            if (message != null) {
                posted.posted(p, message);
            }
        } else if (effect instanceof Effect.Announce a && a.channel() != null) {
            platform.announceIn(a.channel(), a.message(), a.key());
        } else if (effect instanceof Effect.Announce a) {
            platform.announce(a.message(), a.key());
        } else if (effect instanceof Effect.SetTopic t) {
            platform.setTopic(t.channel(), t.topic());
        } else if (effect instanceof Effect.Invite i) {
            platform.invite(i.channel(), i.member());
        } else if (effect instanceof Effect.InviteGroup g) {
            platform.inviteGroup(g.channel(), g.group());
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
