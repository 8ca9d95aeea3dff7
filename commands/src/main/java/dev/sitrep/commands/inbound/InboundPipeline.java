package dev.sitrep.commands.inbound;

import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one way in, for every platform: a delivery is taken once by its id, its work runs after the
 * work already accepted for its channel, with the same log context and metrics whoever delivered it.
 * Adapters only translate: acknowledge as their platform requires, build the {@link Delivery} and
 * the work (which carries its own reply handle in its {@code Invocation}), and say what the
 * outcome of {@link Accepted#taken()} means to their user.
 *
 * <p>Take-once, one rule for every platform: the key is taken <em>before</em> the work (pending,
 * held {@link #HOLD}), marked done <em>after</em> it whatever its outcome (the caller has been
 * answered), and given back when the work never started (an executor that refused it, a key that
 * came through only after the wait for it gave up). Why this rule: the pending hold already keeps
 * every retry and replay away — on any replica — while the work runs, so marking done earlier buys
 * nothing and loses deliveries whose work never started; never marking done lets the key lapse with
 * its hold. A replica that dies mid-work leaves a pending key that lapses after the hold, so a
 * redelivery after that runs rather than being lost — the begin/complete protocol reminders use.
 */
public final class InboundPipeline {

    /** Longer than any command takes and than Slack's and Discord's redelivery windows. */
    static final Duration HOLD = Duration.ofMinutes(5);
    /** Remembered after the work, for retries that come late (Slack's last is after about 5 minutes). */
    static final Duration KEEP = Duration.ofDays(1);
    /**
     * How long the store may take to answer: Slack shows the user an error when the acknowledgement
     * takes longer than 3 s (https://api.slack.com/interactivity/slash-commands#responding_basic_receipt),
     * Discord when its initial response does
     * (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction);
     * the rest is for the network and the client libraries.
     */
    public static final Duration TAKE_WITHIN = Duration.ofSeconds(2);

    /**
     * For a way in without a platform's deadline (the console): a person at a terminal would rather
     * wait for a store that is slow to answer (a loaded machine, Lettuce's cold first connection)
     * than be told to type the command again.
     */
    public static final Duration TAKE_WITHIN_NO_DEADLINE = Duration.ofSeconds(20);

    /** Far past Discord's 3 s for a first answer, after which the platform no longer takes one. */
    static final Duration ACKNOWLEDGE_WITHIN = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(InboundPipeline.class.getName());
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);
    private static final CompletionStage<Boolean> ACKNOWLEDGED = CompletableFuture.completedFuture(true);

    private final IdempotencyKeys keys;
    private final EngineObserver observer;
    private final Executor keyChecks;
    private final Executor work;
    private final Duration takeWithin;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /**
     * @param keyChecks runs the store call that takes a key, so that nobody waits on the store longer
     *                  than {@link #TAKE_WITHIN}: small, with a short queue, refusing when full
     * @param work      runs the work: bounded, and drained on shutdown before the store goes
     */
    public InboundPipeline(IdempotencyKeys keys, EngineObserver observer, Executor keyChecks, Executor work) {
        this(keys, observer, keyChecks, work, TAKE_WITHIN);
    }

    /** @param takeWithin how long a take may wait for the store: {@link #TAKE_WITHIN} where a platform times the answer */
    public InboundPipeline(IdempotencyKeys keys, EngineObserver observer, Executor keyChecks, Executor work,
                           Duration takeWithin) {
        this.keys = keys;
        this.observer = observer;
        this.keyChecks = keyChecks;
        this.work = work;
        this.takeWithin = takeWithin;
    }

    /**
     * Takes the delivery and queues {@code job} behind its channel's earlier work; never blocks.
     * {@code notRun} is called when the delivery was taken but its work could not start (overload,
     * shutdown): its key is given back, and the adapter tells its user.
     */
    public Accepted accept(Delivery delivery, Runnable job, Runnable notRun) {
        return accept(delivery, ACKNOWLEDGED, job, notRun);
    }

    /**
     * {@link #accept(Delivery, Runnable, Runnable)} for a delivery whose acknowledgement is sent
     * before and may be refused (a Discord deferral): its place in the channel's queue is kept from
     * now, its key is taken only once {@code acknowledged} says true, and a refused one is
     * {@link Taken#NOT_ACKNOWLEDGED}: its work is not this delivery's to run (the one acknowledged
     * holds the reply handle).
     */
    public Accepted accept(Delivery delivery, CompletionStage<Boolean> acknowledged, Runnable job, Runnable notRun) {
        CompletableFuture<Taken> taken = new CompletableFuture<>();
        // The channel's later work waits for this take: an acknowledgement that never comes back must not stall it.
        taken.completeOnTimeout(Taken.NOT_ACKNOWLEDGED, ACKNOWLEDGE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        acknowledged.whenComplete((ok, failure) -> {
            if (taken.isDone()) {
                LOG.log(System.Logger.Level.WARNING, delivery.key() + " acknowledged after "
                        + ACKNOWLEDGE_WITHIN.toSeconds() + " s; not run");
            } else if (failure == null && Boolean.TRUE.equals(ok)) {
                take(delivery, taken);
            } else {
                LOG.log(System.Logger.Level.INFO, delivery.key() + " not acknowledged; not run here");
                observer.deliveryTaken(delivery.platform(), "unacknowledged");
                taken.complete(Taken.NOT_ACKNOWLEDGED);
            }
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> queued = tails.compute(delivery.queue(), (queue, tail) ->
                (tail == null ? IDLE : tail).handle((ignored, failure) -> null)
                        .thenCompose(previous -> taken)
                        .thenAcceptAsync(outcome -> {
                            if (outcome == Taken.NOW) {
                                run(delivery, job);
                            }
                        }, work));
        queued.whenComplete((ignored, failure) -> {
            tails.remove(delivery.queue(), queued);
            if (failure != null && taken.getNow(Taken.UNAVAILABLE) == Taken.NOW) {
                LOG.log(System.Logger.Level.WARNING, delivery.key() + " taken but not run: " + failure);
                observer.deliveryTaken(delivery.platform(), "dropped");
                giveBack(delivery.key());
                notRun.run();
            }
            done.complete(null);
        });
        return new Accepted(taken, done);
    }

    /** Within {@link #takeWithin}; a key the store hands out only after that is given back unused. */
    private void take(Delivery delivery, CompletableFuture<Taken> taken) {
        String key = delivery.key();
        CompletableFuture<Boolean> begin;
        try {
            begin = CompletableFuture.supplyAsync(() -> keys.begin(key, HOLD), keyChecks);
        } catch (RejectedExecutionException e) {
            begin = CompletableFuture.failedFuture(new IllegalStateException("too many waiting on the store"));
        }
        CompletableFuture<Boolean> answer = begin;
        answer.whenComplete((fresh, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, key + " not taken: " + failure.getMessage());
            }
            taken.complete(failure != null ? Taken.UNAVAILABLE : fresh ? Taken.NOW : Taken.ALREADY);
        });
        taken.completeOnTimeout(Taken.UNAVAILABLE, takeWithin.toMillis(), TimeUnit.MILLISECONDS);
        taken.thenAccept(outcome -> {
            observer.deliveryTaken(delivery.platform(), switch (outcome) {
                case NOW -> "taken";
                case ALREADY -> "duplicate";
                case UNAVAILABLE -> "unavailable";
                case NOT_ACKNOWLEDGED -> throw new IllegalStateException("taken only when acknowledged");
            });
            if (outcome == Taken.ALREADY) {
                LOG.log(System.Logger.Level.INFO, key + " delivered again; already handled");
            }
            if (outcome == Taken.UNAVAILABLE) {
                answer.thenAccept(late -> {
                    if (late) {
                        LOG.log(System.Logger.Level.WARNING, key + " taken after " + takeWithin.toMillis()
                                + " ms; given back");
                        giveBack(key);
                    }
                });
            }
        });
    }

    private void run(Delivery delivery, Runnable job) {
        observer.handlingDelivery(delivery.platform(), delivery.verb(), delivery.id());
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, delivery.key() + " failed: " + e);
        } finally {
            try {
                keys.complete(delivery.key(), KEEP);
            } catch (RuntimeException e) {
                // The hold lapses on its own; until then a redelivery is ignored, as it should be.
                LOG.log(System.Logger.Level.WARNING, delivery.key() + " done but not marked done: " + e);
            }
            observer.deliveryDone();
        }
    }

    private void giveBack(String key) {
        try {
            keys.abandon(key);
        } catch (RuntimeException e) {
            // The hold lapses on its own.
            LOG.log(System.Logger.Level.WARNING, "Could not give back " + key + ": " + e);
        }
    }
}
