package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.DueTimers.ClaimedTimer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps open incidents on their update rhythm. Each tick claims the due timers (atomically, so
 * with several replicas each is handled once), posts a reminder (or, after enough missed cadences,
 * an escalation that also reaches the broadcast channel) that counts every cadence missed so far,
 * and re-arms the timer at the next cadence still to come.
 */
public final class RhythmKeeper {

    private static final System.Logger LOG = System.getLogger(RhythmKeeper.class.getName());
    /** Longer than one post takes; a holder that dies lets the key go after this and the reminder is retried. */
    private static final Duration POST_HOLD = Duration.ofSeconds(20);
    private static final Duration KEEP_DONE = Duration.ofDays(2);

    private final HandlerSupport support;
    private final int batchSize;
    private final ExecutorService workers;

    public RhythmKeeper(EngineSettings settings, Ports ports, int batchSize) {
        this(settings, ports, batchSize, 1);
    }

    /**
     * {@code parallelism} claims are handled at once: a post to a chat platform takes milliseconds,
     * so one thread would make the last of a thousand simultaneous reminders seconds late.
     */
    public RhythmKeeper(EngineSettings settings, Ports ports, int batchSize, int parallelism) {
        this.support = new HandlerSupport(settings, ports);
        this.batchSize = batchSize;
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "sitrep-reminders");
            t.setDaemon(true);
            return t;
        });
    }

    /** Handles everything due now; returns how many reminders or escalations it posted. */
    public int tick() {
        int posted = 0;
        List<ClaimedTimer> claims;
        do {
            claims = support.ports().timers().claimDue(support.now(), batchSize);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (ClaimedTimer claim : claims) {
                tasks.add(() -> {
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
                });
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

    /** Stops the worker threads (on shutdown). */
    public void close() {
        workers.shutdown();
    }

    private boolean handle(ClaimedTimer claim) {
        Optional<Incident> found = support.ports().store().find(claim.id());
        if (found.isPresent() && !found.get().isOpen()) {
            return followUp(claim, found.get());
        }
        if (found.isEmpty() || found.get().nextReminderAt().isEmpty()) {
            support.ports().timers().release(claim, null);
            return false;
        }
        Incident incident = found.get();
        Instant now = support.now();
        Instant remindAt = incident.nextReminderAt().get();
        if (now.isBefore(remindAt)) {
            // A stale timer (the incident was updated or snoozed since): put it where it belongs.
            support.ports().timers().release(claim, remindAt);
            return false;
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
            return false;
        }
        boolean escalate = missed >= support.settings().escalateAfterMissed();
        int posted = post(incident, sent + 1, missed, due, escalate);
        if (posted > 0) {
            support.ports().observer().reminderPosted(escalate, Duration.between(remindAt, now));
        }
        int[] before = new int[1];
        Incident updated = support.modify(incident.id(), current -> {
            before[0] = current.remindersSent();
            return due.equals(current.nextUpdateDue()) && current.remindersSent() == sent
                    ? current.reminded(missed) : current;
        });
        if (updated.remindersSent() == missed && before[0] == sent) {
            support.record(updated, Member.SITREP, escalate ? TimelineEntry.Kind.ESCALATION : TimelineEntry.Kind.REMINDER,
                    (escalate ? "Escalated: " : "Reminded: ") + "update overdue, " + missed + " missed "
                            + (missed == 1 ? "cadence" : "cadences"));
        }
        support.ports().timers().release(claim, updated.nextReminderAt().orElse(null));
        return posted > 0;
    }

    /** After resolution: reminds the commander daily once the postmortem is past due, until it is done. */
    private boolean followUp(ClaimedTimer claim, Incident incident) {
        Duration dueAfter = support.settings().postmortemDueAfter();
        Optional<Instant> at = incident.nextFollowUpAt(dueAfter);
        if (at.isEmpty() || support.now().isBefore(at.get())) {
            support.ports().timers().release(claim, at.orElse(null));
            return false;
        }
        int sent = incident.remindersSent();
        LocalDate today = support.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<ActionItem> overdue = incident.actionItems().stream()
                .filter(a -> !a.done() && a.due() != null && a.due().isBefore(today)).toList();
        Message message = new Messages.PostmortemOverdue(incident, overdue, incident.resolvedAt().plus(dueAfter));
        String base = "postmortem:" + incident.id().number() + ":" + sent;
        List<RuntimeException> failures = new ArrayList<>();
        int posted = 0;
        for (ChannelRef channel : incident.channels().values()) {
            ChatPlatform platform = support.platform(channel.platform());
            posted += once(base + ":" + channel.platform(), () -> platform.post(channel, message), failures);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        int[] before = new int[1];
        Incident updated = support.modify(incident.id(), current -> {
            before[0] = current.remindersSent();
            return !current.isOpen() && !current.postmortemDone() && current.remindersSent() == sent
                    ? current.reminded(sent + 1) : current;
        });
        if (before[0] == sent && updated.remindersSent() == sent + 1) {
            support.record(updated, Member.SITREP, TimelineEntry.Kind.REMINDER, "Reminded: postmortem not marked done"
                    + (overdue.isEmpty() ? "" : ", " + overdue.size() + " action item(s) overdue"));
        }
        support.ports().timers().release(claim, updated.nextFollowUpAt(dueAfter).orElse(null));
        return posted > 0;
    }

    /**
     * Posts the reminder in every channel of the incident (and, when escalating, to every broadcast
     * channel), each under its own idempotency key. If any post fails, this throws after trying the
     * others: the claim is not released, its lease runs out, and the retry posts only what is missing.
     * The keys name the first cadence the message stands for ({@code round}), not how many it counts,
     * so a retry that finds one more cadence missed meanwhile still does not post a second message.
     */
    private int post(Incident incident, int round, int missed, Instant due, boolean escalate) {
        Message inChannel = escalate ? new Messages.UpdatesEscalated(incident, missed, due)
                : new Messages.UpdateOverdue(incident, missed, due);
        String base = "reminder:" + incident.id().number() + ":" + due.toEpochMilli() + ":" + round;
        List<RuntimeException> failures = new ArrayList<>();
        int posted = 0;
        for (ChannelRef channel : incident.channels().values()) {
            ChatPlatform platform = support.platform(channel.platform());
            String key = base + ":" + channel.platform();
            posted += once(key, unlessAlreadyThere(key, () -> platform.alreadyPosted(channel, key),
                    () -> platform.post(channel, inChannel, key)), failures);
            if (escalate) {
                String broadcastKey = base + ":broadcast:" + channel.platform();
                posted += once(broadcastKey, unlessAlreadyThere(broadcastKey, () -> platform.alreadyAnnounced(broadcastKey),
                        () -> platform.announce(new Messages.OverdueBroadcast(incident, missed, due), broadcastKey)),
                        failures);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return posted;
    }

    /**
     * A replica that died after posting but before marking it done leaves an attempt behind: then
     * the platform is asked before posting again, so a crash does not double the message.
     */
    private Runnable unlessAlreadyThere(String key, java.util.function.BooleanSupplier alreadyThere, Runnable post) {
        return () -> {
            if (!support.ports().idempotencyKeys().begin("attempt:" + key, KEEP_DONE) && alreadyThere.getAsBoolean()) {
                return;
            }
            post.run();
        };
    }

    private int once(String key, Runnable post, List<RuntimeException> failures) {
        if (!support.ports().idempotencyKeys().begin(key, POST_HOLD)) {
            if (!support.ports().idempotencyKeys().isDone(key)) {
                // Someone else is posting it, or died doing so: not done yet, so the claim is retried later.
                failures.add(new IllegalStateException("reminder " + key + " is being posted elsewhere"));
            }
            return 0;
        }
        try {
            post.run();
            support.ports().idempotencyKeys().complete(key, KEEP_DONE);
            return 1;
        } catch (RuntimeException e) {
            support.ports().idempotencyKeys().abandon(key);
            failures.add(e);
            return 0;
        }
    }
}
