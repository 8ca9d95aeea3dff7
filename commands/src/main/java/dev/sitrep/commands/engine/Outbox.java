package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
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
 * An effect that fails stays in the outbox and is tried again after a wait that doubles with each
 * failure ({@link EffectRetries}; the wait is its idempotency key held, so no replica tries sooner);
 * once its attempts are used up it is given up: it leaves the outbox, and a NOTE on the timeline
 * and in the incident's channels says what could not be done, in the platform's words. One
 * platform failing never keeps the others (or the next effects) silent.
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
    private final Failures failures;

    /** What the outbox needs to try a failed effect again later, or give it up. */
    record Failures(IdempotencyKeys keys, EffectRetries retries, EngineObserver observer, Pages.Recorder recorder,
                    Clock clock) {
    }

    /** Keys of the notices that an effect was given up: one of those given up is only logged. */
    private static final String GIVEN_UP = "given-up:";

    /** A notice of an effect given up in this drain goes out in it, even in a sweep that did not know it. */
    private static boolean noticeOf(String key, Set<String> givenUp) {
        return key.startsWith(GIVEN_UP) && givenUp.stream().anyMatch(g -> key.startsWith(GIVEN_UP + g + ":"));
    }

    Outbox(IncidentStore store, ExactlyOnce once, Function<String, ChatPlatform> platforms, Pages pages,
           Failures failures) {
        this.store = store;
        this.once = once;
        this.platforms = platforms;
        this.pages = pages;
        this.failures = failures;
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
        Set<String> givenUp = new java.util.HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            int before = done.size();
            Pass pass = drainOnce(id, posted, done, ripe, givenUp, round == 0 ? pending : null);
            if (!pass.gaveUp() && (!pass.paged() || done.size() == before)) {
                break;
            }
        }
        return done;
    }

    /** What one pass did that may have added effects: a page's record, or a given-up effect's notice. */
    private record Pass(boolean paged, boolean gaveUp) {
    }

    /** One pass over the pending effects ({@code pending}: the outbox as its commit read it, else read now). */
    private Pass drainOnce(IncidentId id, Posted posted, List<Effect> done, @Nullable Set<String> ripe,
                           Set<String> givenUp, @Nullable List<Effect> pending) {
        boolean paged = false;
        boolean gaveUp = false;
        for (Effect effect : pending != null ? pending : store.pendingEffects(id)) {
            String key = effect.key();
            if (ripe != null && !ripe.contains(key) && !noticeOf(key, givenUp)) {
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
                Retry[] retry = new Retry[1];
                ExactlyOnce.Outcome outcome;
                try {
                    outcome = once.run(key, alreadyThere(id, effect), () -> carryOut(id, effect, posted),
                            (k, keep) -> takenOut[0] = store.completeEffect(id, k, keep),
                            failure -> {
                                if (failure instanceof StoreUnavailable) {
                                    return Duration.ZERO; // the store's: not counted, tried on the next tick
                                }
                                retry[0] = counted(effect);
                                return retry[0].givingUp() ? Duration.ZERO : retry[0].waitFor();
                            }).outcome();
                } catch (StoreUnavailable e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (retry[0] == null) {
                        throw e; // counting it failed: the store's, below
                    }
                    // The platform's (or pager's) failure: counted against the effect's attempts; its key,
                    // never given back in between, is now held for the wait before the next try.
                    if (failed(id, effect, e, retry[0])) {
                        gaveUp = true;
                        givenUp.add(key);
                    }
                    posted.failed(effect, e);
                    continue;
                }
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
                // The store's: not the effect's fault, so not counted; the next tick tries again.
                posted.failed(effect, e);
                LOG.log(System.Logger.Level.WARNING, "Could not " + describe(effect) + " on " + effect.platform()
                        + " for " + id + " (tried again on the next tick): " + e.getMessage());
            }
        }
        return new Pass(paged, gaveUp);
    }

    /** A failure counted: how many there were, whether the effect is given up, and the wait before the next try. */
    private record Retry(int count, boolean givingUp, Duration waitFor) {
    }

    /** Counts the effect's failure across replicas and decides, from the count, what comes next. */
    private Retry counted(Effect effect) {
        EffectRetries retries = failures.retries();
        int count = failures.keys().failed(effect.key(), ExactlyOnce.KEEP_DONE);
        boolean givingUp = retries.exhausted(count);
        failures.observer().effectFailed(effect.platform(), kind(effect), givingUp);
        return new Retry(count, givingUp, givingUp ? Duration.ZERO : retries.waitAfter(count));
    }

    /**
     * Says what became of a failed effect: tried again after the wait (its key is held that long:
     * every replica's drain finds it busy till then), or given up when its attempts are used up.
     * True when it was given up (and a notice recorded).
     */
    private boolean failed(IncidentId id, Effect effect, RuntimeException e, Retry retry) {
        String key = effect.key();
        int count = retry.count();
        if (!retry.givingUp()) {
            LOG.log(System.Logger.Level.WARNING, "Could not " + describe(effect) + " on " + effect.platform() + " for "
                    + id + " (try " + count + " of " + failures.retries().attempts() + ", again in "
                    + words(retry.waitFor()) + "): " + e.getMessage());
            return false;
        }
        String what = "Gave up trying to " + describe(effect) + " on " + effect.platform() + " after " + count
                + (count == 1 ? " try" : " tries") + ": " + e.getMessage();
        LOG.log(System.Logger.Level.ERROR, what + " (" + id + ", effect " + key + ")");
        if (!key.startsWith(GIVEN_UP)) {
            // Recorded before the effect leaves the outbox: a crash in between gives it up again, never silently.
            failures.recorder().record(id, incident -> givenUp(incident, key, what));
        }
        store.effectDone(id, key);
        return true;
    }

    /** The timeline NOTE and the notice in the incident's channels, keyed so that it is posted once. */
    private Change givenUp(Incident incident, String key, String what) {
        String mention = incident.commander().filter(Member::isPerson).map(c -> c.displayName() + ": ").orElse("");
        List<Effect> notices = new ArrayList<>();
        for (Effect notice : Effects.post(incident, new Messages.NoteAdded(incident, Member.SITREP, mention + what))) {
            notices.add(notice.withKey(GIVEN_UP + key + ":" + notices.size()));
        }
        return Change.of(incident, incident)
                .record(new TimelineEntry(failures.clock().instant(), Member.SITREP, TimelineEntry.Kind.NOTE, what))
                .effects(notices);
    }

    /** The effect's kind, as metrics name it. */
    static String kind(Effect effect) {
        if (effect instanceof Effect.Post) {
            return "post";
        } else if (effect instanceof Effect.Announce) {
            return "announce";
        } else if (effect instanceof Effect.SetTopic) {
            return "topic";
        } else if (effect instanceof Effect.Invite) {
            return "invite";
        } else if (effect instanceof Effect.InviteGroup) {
            return "invite_group";
        } else if (effect instanceof Effect.CommanderChanged) {
            return "commander";
        } else if (effect instanceof Effect.Page) {
            return "page";
        } else if (effect instanceof Effect.ResolvePage) {
            return "resolve_page";
        }
        return "resolved";
    }

    private static String words(Duration wait) {
        return wait.toSeconds() >= 60 && wait.toSecondsPart() == 0 ? wait.toMinutes() + "m"
                : wait.toMillis() % 1000 == 0 ? wait.toSeconds() + "s" : wait.toMillis() + "ms";
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

    /** What the effect does, in words an incident's channel can read ("post StatusPosted in #inc-7-…"). */
    private static String describe(Effect effect) {
        if (effect instanceof Effect.Post p) {
            return "post " + p.message().template() + " in #" + p.channel().name();
        } else if (effect instanceof Effect.Announce a) {
            return "announce " + a.message().template()
                    + (a.channel() == null ? " in the broadcast channel" : " in " + a.channel());
        } else if (effect instanceof Effect.SetTopic t) {
            return "set the topic of #" + t.channel().name();
        } else if (effect instanceof Effect.Invite i) {
            return "invite " + i.member().displayName() + " to #" + i.channel().name();
        } else if (effect instanceof Effect.InviteGroup g) {
            return "invite the group " + g.group() + " to #" + g.channel().name();
        } else if (effect instanceof Effect.CommanderChanged c) {
            return "give " + c.current().displayName() + " the commander role in #" + c.channel().name();
        } else if (effect instanceof Effect.Page p) {
            return "page " + p.request().key().service() + " on-call";
        } else if (effect instanceof Effect.ResolvePage r) {
            return "resolve the page to " + r.page().service() + " on-call";
        } else if (effect instanceof Effect.Resolved r) {
            return "close #" + r.channel().name();
        }
        return effect.getClass().getSimpleName();
    }
}
