package dev.sitrep.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Paces calls to one service against its published limits, one line per limit key (a method, a
 * channel's messages, a route): a call joins its line, learns its place and about how long, and
 * is sent when it is at the front and the limit allows. Waiting callers keep their place (first
 * come, first served; a later arrival never overtakes), reminders go ahead of the rest, and a
 * {@code Retry-After} pauses only the line it came from. A rate limit is never a failure here: it
 * only makes the line wait.
 */
public final class Pacer {

    /** At most {@code calls} in any {@code per}. */
    public record Limit(int calls, Duration per) {
        public Limit {
            if (calls < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one call per positive duration");
            }
        }

        public static Limit perMinute(int calls) {
            return new Limit(calls, Duration.ofMinutes(1));
        }
    }

    /** Reminders (updates people are waiting on) go {@code FIRST}; everything else in arrival order. */
    public enum Lane { FIRST, NORMAL }

    /** Where a call waits: 1 = next, and about how long until it is sent. */
    public record Place(int place, Duration about) {
    }

    /** One call's place in one line; {@link #stamp} is when it counts from once sent. */
    public static final class Ticket {
        final Bucket bucket;
        final Lane lane;
        Instant stamp = Instant.MIN;
        /** Sent and not yet answered (nor put back in line by a 429). */
        boolean outstanding;

        Ticket(Bucket bucket, Lane lane) {
            this.bucket = bucket;
            this.lane = lane;
        }
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Bucket> buckets = new HashMap<>();
    /** When the lines were last swept of idle ones. */
    private Instant swept = Instant.MIN;

    /**
     * How often idle lines are forgotten: a line per channel (Slack's posts) or per route (Discord's)
     * would otherwise stay for every channel ever posted to. One sweep looks at every line, so not
     * on every call.
     */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    public Pacer(Clock clock) {
        this.clock = clock;
    }

    public Pacer() {
        this(Clock.systemUTC());
    }

    /**
     * Joins the line of {@code key} and waits until the call may be sent. {@code whileWaiting} is
     * told the place at once (before any wait) when the call cannot go right away.
     */
    public Ticket await(String key, Limit limit, Lane lane, Consumer<Place> whileWaiting) throws InterruptedException {
        Ticket ticket;
        Place place = null;
        lock.lock();
        try {
            Instant now = clock.instant();
            sweep(now);
            Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit));
            ticket = bucket.join(lane);
            if (!bucket.atFront(ticket) || bucket.readyAt(now).isAfter(now)) {
                place = placeOf(ticket, now);
            }
        } finally {
            lock.unlock();
        }
        if (place != null) {
            whileWaiting.accept(place);
        }
        resume(ticket);
        return ticket;
    }

    /** Waits (again) until the ticket is at the front of its line and its limit allows it; then it counts as sent. */
    public void resume(Ticket ticket) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                if (ticket.bucket.atFront(ticket)) {
                    Instant ready = ticket.bucket.readyAt(now);
                    if (!ready.isAfter(now)) {
                        ticket.bucket.send(ticket, now);
                        changed.signalAll();
                        return;
                    }
                    changed.awaitNanos(Math.max(1, Duration.between(now, ready).toNanos()));
                } else {
                    changed.await(1, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            ticket.bucket.leave(ticket);
            changed.signalAll();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** The call was answered (whatever the answer, short of a rate limit). */
    public void answered(Ticket ticket) {
        lock.lock();
        try {
            ticket.bucket.answered(ticket, clock.instant());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The service answered with a rate limit: the line pauses for {@code retryAfter} and this call
     * goes back to its front; call {@link #resume} to wait for its turn again.
     */
    public Place rateLimited(Ticket ticket, Duration retryAfter) {
        lock.lock();
        try {
            Instant now = clock.instant();
            ticket.bucket.rateLimited(ticket, retryAfter, now);
            changed.signalAll();
            return placeOf(ticket, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The service said the line's window is used up ({@code X-RateLimit-Remaining: 0}) and resets in
     * {@code resetAfter}: nothing more is sent in it until then. Unlike {@link #rateLimited}, nothing
     * was refused and no call goes back into the line.
     */
    public void pause(Ticket ticket, Duration resetAfter) {
        lock.lock();
        try {
            ticket.bucket.pause(clock.instant().plus(resetAfter));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiting calls to look at the clock again (a test's clock moved). */
    void clockMoved() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many calls wait in the line of {@code key}. */
    public int waiting(String key) {
        lock.lock();
        try {
            Bucket bucket = buckets.get(key);
            return bucket == null ? 0 : bucket.waiting();
        } finally {
            lock.unlock();
        }
    }

    /** How many lines are kept now (idle ones are forgotten on a later call). */
    int lines() {
        lock.lock();
        try {
            return buckets.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets the lines that are idle ({@link Bucket#idle}), at most once per {@link #SWEEP_EVERY}.
     * A line with a call waiting, out, or still in its window, or a pause running, is kept: its
     * tickets point at it, and a new line for the same key would let calls past its limit.
     */
    private void sweep(Instant now) {
        if (now.isBefore(swept.plus(SWEEP_EVERY))) {
            return;
        }
        swept = now;
        buckets.values().removeIf(bucket -> bucket.idle(now));
    }

    private Place placeOf(Ticket ticket, Instant now) {
        int place = ticket.bucket.place(ticket);
        return new Place(place, Duration.between(now, ticket.bucket.estimate(place, now)));
    }
}
