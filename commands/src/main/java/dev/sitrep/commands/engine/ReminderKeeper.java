package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.Effect;
import dev.sitrep.commands.service.Service;
import dev.sitrep.commands.port.TimerChange;
import dev.sitrep.commands.port.DueTimers.ClaimedTimer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps open incidents on their update rhythm. Each tick carries out what crashed replicas left in
 * the outboxes, then claims the due timers (atomically, so with several replicas each is handled
 * once) and commits, per claim, one change: the reminder (or, after enough missed cadences, an
 * escalation that also reaches the broadcast channel) that counts every cadence missed so far, its
 * timeline entry and the timer re-armed at the next cadence still to come. Its posts follow the commit.
 */
public final class ReminderKeeper {

    private static final System.Logger LOG = System.getLogger(ReminderKeeper.class.getName());
    private static final int MAX_ATTEMPTS = 5;

    private final HandlerSupport support;
    private final int batchSize;
    private final ExecutorService workers;
    /**
     * Effect keys pending at the end of the previous tick; null before the first tick, whose sweep
     * takes everything (a replica starting is when a dead one's leftovers are found).
     */
    private volatile @Nullable Set<String> ripe;
    /** When the earliest timer came due as of the last claim (null before any). */
    private volatile @Nullable Optional<Instant> nextDueAtClaim;
    /** Claims {@link #handOutDue} gave the workers that are not done yet. */
    private final AtomicInteger out = new AtomicInteger();

    public ReminderKeeper(EngineSettings settings, Ports ports, int batchSize) {
        this(settings, ports, batchSize, 1);
    }

    /**
     * {@code parallelism} claims are handled at once: a post to a chat platform takes milliseconds,
     * so one thread would make the last of a thousand simultaneous reminders seconds late.
     */
    public ReminderKeeper(EngineSettings settings, Ports ports, int batchSize, int parallelism) {
        this.support = new HandlerSupport(settings, ports);
        this.batchSize = batchSize;
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "sitrep-reminders");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Carries out what committed changes left in their outboxes (a replica that died between a
     * commit and its posts), then handles everything due now; returns how many incidents were
     * reminded (or escalated, or asked for their postmortem).
     */
    public int tick() {
        int posted = drainRipe();
        posted += remindDue();
        rememberPending();
        return posted;
    }

    /**
     * Carries out what the outboxes held as the last tick or sweep ended; how many reminders that
     * posted. Counted where the post was carried out: a reminder committed by another replica and
     * posted by this drain is this replica's, and not the committer's (each post is done exactly once).
     */
    private int drainRipe() {
        return (int) support.outbox().drainAll(ripe).values().stream()
                .filter(done -> done.stream().anyMatch(ReminderKeeper::isReminderPost)).count();
    }

    /**
     * The reminding half of {@link #tick()}, without sweeping the outboxes: for a loop that wakes
     * whenever a timer comes due (many times a second when many are armed) and sweeps only every so
     * often, since a sweep reads every outbox and is only there for what a dead replica left behind.
     */
    public int remindDue() {
        int posted = 0;
        List<ClaimedTimer> claims;
        do {
            var taken = support.ports().timers().claimDueAndNext(support.now(), batchSize);
            claims = taken.claimed();
            nextDueAtClaim = taken.nextDue();
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (ClaimedTimer claim : claims) {
                tasks.add(() -> handleClaim(claim));
            }
            try {
                for (Future<Boolean> done : workers.invokeAll(tasks)) {
                    posted += done.get() ? 1 : 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return posted;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        } while (claims.size() == batchSize);
        return posted;
    }

    /**
     * {@link #remindDue} for the loop that wakes whenever a timer comes due, without waiting for the
     * posts: claims what is due now and hands each claim to a worker, then returns. Waiting for a
     * whole batch, one claim whose post waits long — an escalation's broadcast behind a burst's
     * announcements in the broadcast channel's rate limit — held every claim after it: another
     * incident's reminder that came due meanwhile was not even claimed until that post went, and
     * missed its cadence by as long. Each incident's reminder now keeps its own time. At most a batch
     * of claims is out at once; beyond it the due timers stay due until a worker is free (each claim
     * is leased, so no other wake or replica takes one that is out). Returns how many were handed out.
     */
    public int handOutDue() {
        int handed = 0;
        while (true) {
            int room = batchSize - out.get();
            if (room <= 0) {
                return handed;
            }
            var taken = support.ports().timers().claimDueAndNext(support.now(), room);
            List<ClaimedTimer> claims = taken.claimed();
            nextDueAtClaim = taken.nextDue();
            for (ClaimedTimer claim : claims) {
                out.incrementAndGet();
                try {
                    workers.execute(() -> {
                        try {
                            handleClaim(claim);
                        } finally {
                            out.decrementAndGet();
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    // Shutting down: the claim's lease runs out and the timer comes due again elsewhere.
                    out.decrementAndGet();
                    return handed;
                }
                handed++;
            }
            if (claims.size() < room) {
                return handed;
            }
        }
    }

    /** Carries out what the outboxes hold from before the last sweep (see {@link #tick}), without reminding. */
    public int sweep() {
        int posted = drainRipe();
        rememberPending();
        return posted;
    }

    /** Claims handed out by {@link #handOutDue} and not done yet. */
    public int handedOutNotDone() {
        return out.get();
    }

    /** True once every claim handed out is done, waiting at most {@code atMost} (on shutdown). */
    public boolean awaitHandedOut(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (out.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** One claim, on a worker: handled, or left to come due again after its lease. */
    private boolean handleClaim(ClaimedTimer claim) {
        support.ports().observer().workingOn(claim.id());
        try {
            return handle(claim);
        } catch (RuntimeException e) {
            // The claim's lease runs out and the timer comes due again: retried, not lost.
            LOG.log(System.Logger.Level.WARNING, "Reminder failed, retried after its lease: " + e);
            return false;
        } finally {
            support.ports().observer().incidentDone();
        }
    }

    /**
     * What waits in the outboxes as this tick ends is what the next tick may carry out: anything
     * newer belongs to the command that just committed it (see {@link Outbox#drainAll(java.util.Set)}),
     * and is still swept one tick later if that command's replica died.
     */
    private void rememberPending() {
        try {
            ripe = support.outbox().pendingKeys();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not read the outboxes (the next tick sweeps them all): " + e);
            ripe = null;
        }
    }

    /**
     * How long the loop may sleep before the next timer comes due, at most {@code atMost}: a
     * reminder is posted when it is due, not up to a poll interval later. The cap still applies,
     * since another replica may arm an earlier timer meanwhile.
     */
    public Duration untilNextDue(Duration atMost) {
        Instant now = support.now();
        return support.ports().timers().nextDue()
                .map(due -> due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO)
                .filter(wait -> wait.compareTo(atMost) < 0)
                .orElse(atMost);
    }

    /**
     * {@link #untilNextDue}, from what the last claim of {@link #remindDue} saw with it instead of
     * asking the timers again (one read fewer per wake). The re-arms made since only move timers
     * later, and one armed since by a command is found by the next poll, as one armed on another
     * replica always is; before any claim it asks.
     */
    public Duration untilNextDueAsClaimed(Duration atMost) {
        Optional<Instant> next = nextDueAtClaim;
        if (next == null) {
            return untilNextDue(atMost);
        }
        Instant now = support.now();
        return next.map(due -> due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO)
                .filter(wait -> wait.compareTo(atMost) < 0)
                .orElse(atMost);
    }

    /** Stops the worker threads (on shutdown). */
    public void close() {
        workers.shutdown();
    }

    /** Decides what the claim calls for and commits it; on a version conflict decides again on what the other writer stored. */
    private boolean handle(ClaimedTimer claim) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Incident> found = support.ports().store().find(claim.id());
            Optional<Change> change = found.isPresent() && !found.get().isOpen()
                    ? followUp(claim, found.get()) : remind(claim, found);
            if (change.isEmpty()) {
                return false;
            }
            AtomicBoolean postedHere = new AtomicBoolean();
            Optional<Change> committed = support.commit(change.get(), (effect, message) -> {
                if (isReminderPost(effect)) {
                    postedHere.set(true);
                }
            });
            if (committed.isPresent()) {
                // Carried out right after the commit, unless another replica's drain got to it first (then
                // it counts there); one that failed stays in the outbox for the next tick.
                boolean posted = postedHere.get();
                Incident before = change.get().before();
                if (posted && before.isOpen()) {
                    support.ports().observer().reminderPosted(change.get().entries().get(0).kind()
                            == TimelineEntry.Kind.ESCALATION, Duration.between(before.nextReminderAt().orElseThrow(),
                            support.now()));
                }
                return posted;
            }
        }
        return false;
    }

    /**
     * The reminder (or escalation) one commit carries: the count of reminders sent, its timeline
     * entry, the timer re-armed at the next cadence still to come, and one post per channel (plus
     * the broadcast when escalating). Empty when the claim calls for no reminder; the timer is then
     * put where it belongs.
     */
    private Optional<Change> remind(ClaimedTimer claim, Optional<Incident> found) {
        if (found.isEmpty() || found.get().nextReminderAt().isEmpty()) {
            support.ports().timers().release(claim, null);
            return Optional.empty();
        }
        Incident incident = found.get();
        Instant now = support.now();
        Instant remindAt = incident.nextReminderAt().get();
        if (now.isBefore(remindAt)) {
            // A stale timer (the incident was updated or snoozed since): put it where it belongs.
            support.ports().timers().release(claim, remindAt);
            return Optional.empty();
        }
        int sent = incident.remindersSent();
        // Every cadence that passed since the reminder was due counts, so after an outage one
        // message says how many were missed instead of one message per missed cadence.
        int missed = sent + 1 + (int) Math.min(Integer.MAX_VALUE / 2,
                Duration.between(remindAt, now).toMillis() / Math.max(1, incident.updateEvery().toMillis()));
        Instant due = incident.nextUpdateDue();
        if (incident.channels().isEmpty()) {
            // Nowhere to post yet: nothing is counted as sent, and the timer waits for the next cadence
            // (or for the channel, whose creation arms it again at once).
            support.ports().timers().release(claim, due.plus(incident.updateEvery().multipliedBy(missed)));
            return Optional.empty();
        }
        boolean escalate = missed >= support.settings().escalateAfterMissed();
        Incident after = incident.reminded(missed);
        Change change = Change.of(incident, after)
                .record(support.entry(Member.SITREP, escalate ? TimelineEntry.Kind.ESCALATION : TimelineEntry.Kind.REMINDER,
                        (escalate ? "Escalated: " : "Reminded: ") + "update overdue, " + missed + " missed "
                                + (missed == 1 ? "cadence" : "cadences")))
                .timer(TimerChange.armOrCancel(after.nextReminderAt().orElse(null)))
                .effects(reminders(incident, sent + 1, missed, due, escalate));
        if (escalate) {
            // The service's on-call is paged once on escalation (when it pages on escalation at all).
            Optional<Service> service = ServiceEffects.serviceOf(incident, support.ports().services())
                    .filter(s -> s.paging().onEscalation() && !ServiceEffects.paged(incident, s));
            if (service.isPresent()) {
                change = ServiceEffects.page(change, service.get(), "updates overdue, " + missed + " missed", now);
            }
        }
        return Optional.of(change);
    }

    /** After resolution: reminds the commander daily once the postmortem is past due, until it is done. */
    private Optional<Change> followUp(ClaimedTimer claim, Incident incident) {
        Duration dueAfter = support.settings().postmortemDueAfter();
        Optional<Instant> at = incident.nextFollowUpAt(dueAfter);
        if (at.isEmpty() || support.now().isBefore(at.get())) {
            support.ports().timers().release(claim, at.orElse(null));
            return Optional.empty();
        }
        int sent = incident.remindersSent();
        LocalDate today = support.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<ActionItem> overdue = incident.actionItems().stream()
                .filter(a -> !a.done() && a.due() != null && a.due().isBefore(today)).toList();
        Message message = new Messages.PostmortemOverdue(incident, overdue, incident.resolvedAt().plus(dueAfter));
        String base = "postmortem:" + incident.id().number() + ":" + sent;
        Incident after = incident.reminded(sent + 1);
        return Optional.of(Change.of(incident, after)
                .record(support.entry(Member.SITREP, TimelineEntry.Kind.REMINDER, "Reminded: postmortem not marked done"
                        + (overdue.isEmpty() ? "" : ", " + overdue.size() + " action item(s) overdue")))
                .timer(TimerChange.armOrCancel(after.nextFollowUpAt(dueAfter).orElse(null)))
                .effects(incident.channels().values().stream()
                        .<Effect>map(c -> new Effect.Post(base + ":" + c.platform(), c, message)).toList()));
    }

    /**
     * One post per channel of the incident (and, when escalating, one per broadcast channel), each
     * under its own key. The keys name the first cadence the message stands for ({@code round}),
     * not how many it counts, so a retry that finds one more cadence missed meanwhile still does not
     * post a second message.
     */
    private static List<Effect> reminders(Incident incident, int round, int missed, Instant due, boolean escalate) {
        Message inChannel = escalate ? new Messages.UpdatesEscalated(incident, missed, due)
                : new Messages.UpdateOverdue(incident, missed, due);
        String base = "reminder:" + incident.id().number() + ":" + due.toEpochMilli() + ":" + round;
        List<Effect> effects = new ArrayList<>();
        for (ChannelRef channel : incident.channels().values()) {
            effects.add(new Effect.Post(base + ":" + channel.platform(), channel, inChannel));
            if (escalate) {
                for (String broadcast : Effects.broadcasts(incident)) {
                    effects.add(new Effect.Announce(base + ":broadcast:" + channel.platform()
                            + (broadcast == null ? "" : ":service"), channel.platform(),
                            new Messages.OverdueBroadcast(incident, missed, due), broadcast));
                }
            }
        }
        return effects;
    }

    /** The reminder's own post in the incident channel (not its broadcast copy): one per reminded incident. */
    private static boolean isReminderPost(Effect effect) {
        return effect instanceof Effect.Post && isReminder(effect);
    }

    private static boolean isReminder(Effect effect) {
        Message message = effect instanceof Effect.Post p ? p.message()
                : effect instanceof Effect.Announce a ? a.message() : null;
        return message instanceof Messages.UpdateOverdue || message instanceof Messages.UpdatesEscalated
                || message instanceof Messages.OverdueBroadcast || message instanceof Messages.PostmortemOverdue;
    }
}
