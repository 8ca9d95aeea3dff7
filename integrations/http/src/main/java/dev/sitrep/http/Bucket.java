package dev.sitrep.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One line of calls under one limit (a Slack method, one channel's messages, a Discord route): at
 * most {@code limit.calls()} calls in any {@code limit.per()}, as the services count them, handed
 * out first come, first served, reminders ahead of everything else. A {@code Retry-After} pauses the
 * whole line and the call that met it keeps its place at the front. Pure state on a given clock
 * reading: {@link Pacer} does the waiting, under its lock.
 */
final class Bucket {

    private final Pacer.Limit limit;
    private final Deque<Pacer.Ticket> first = new ArrayDeque<>();
    private final Deque<Pacer.Ticket> normal = new ArrayDeque<>();
    /** The calls that count against the window: stamped when sent, re-stamped when answered. */
    private final List<Pacer.Ticket> counted = new ArrayList<>();
    private Instant pausedUntil = Instant.MIN;
    /** Sent and not answered yet: a 429 may still put one back in line, or its answer pause the line. */
    private int outstanding;

    Bucket(Pacer.Limit limit) {
        this.limit = limit;
    }

    Pacer.Ticket join(Pacer.Lane lane) {
        Pacer.Ticket ticket = new Pacer.Ticket(this, lane);
        (lane == Pacer.Lane.FIRST ? first : normal).addLast(ticket);
        return ticket;
    }

    /** 1 for the call that goes next. */
    int place(Pacer.Ticket ticket) {
        int i = 1;
        for (Pacer.Ticket t : first) {
            if (t == ticket) {
                return i;
            }
            i++;
        }
        for (Pacer.Ticket t : normal) {
            if (t == ticket) {
                return i;
            }
            i++;
        }
        throw new IllegalStateException("ticket not in line");
    }

    /** When the call at {@code place} (1 = next) may be sent, if no other limit gets in the way. */
    Instant estimate(int place, Instant now) {
        forget(now);
        // The window as N slots, each free again when its counted call leaves the window (a free
        // slot: now). The call at place p takes slot (p-1) mod N after (p-1) div N rounds.
        List<Instant> slots = new ArrayList<>(counted.stream().map(t -> countsFrom(t, now).plus(limit.per())).sorted().toList());
        while (slots.size() < limit.calls()) {
            slots.add(now);
        }
        slots.sort(null);
        int q = place - 1;
        Instant at = slots.get(q % limit.calls()).plus(limit.per().multipliedBy(q / limit.calls()));
        at = at.isBefore(now) ? now : at;
        return at.isBefore(pausedUntil) ? pausedUntil : at;
    }

    /** The instant the front of the line may go; {@code now} or earlier when it may go now. */
    Instant readyAt(Instant now) {
        forget(now);
        Instant window = counted.size() < limit.calls() ? now
                : counted.stream().map(t -> countsFrom(t, now)).min(Instant::compareTo).orElse(now).plus(limit.per());
        return window.isBefore(pausedUntil) ? pausedUntil : window;
    }

    /** When a counted call counts from: its stamp, or at the earliest now while it is still out (its answer re-stamps it). */
    private static Instant countsFrom(Pacer.Ticket ticket, Instant now) {
        return ticket.outstanding && ticket.stamp.isBefore(now) ? now : ticket.stamp;
    }

    boolean atFront(Pacer.Ticket ticket) {
        return (first.isEmpty() ? normal.peekFirst() : first.peekFirst()) == ticket;
    }

    /** The front of the line goes now: it counts from now. */
    void send(Pacer.Ticket ticket, Instant now) {
        if (!atFront(ticket)) {
            throw new IllegalStateException("only the front of the line is sent");
        }
        (first.isEmpty() ? normal : first).removeFirst();
        ticket.stamp = now;
        ticket.outstanding = true;
        outstanding++;
        counted.add(ticket);
    }

    /**
     * Answered: it counts from now, when the service has surely seen it (a later call sent a window
     * after this stamp reaches the service a window after this one did, however long each took).
     */
    void answered(Pacer.Ticket ticket, Instant now) {
        if (ticket.outstanding) {
            ticket.outstanding = false;
            outstanding--;
        }
        if (counted.contains(ticket) && now.isAfter(ticket.stamp)) {
            ticket.stamp = now;
        }
    }

    /** The service asked for a pause: the whole line waits, and this call goes first after it. */
    void rateLimited(Pacer.Ticket ticket, Duration retryAfter, Instant now) {
        pause(now.plus(retryAfter));
        answered(ticket, now);
        (ticket.lane == Pacer.Lane.FIRST ? first : normal).addFirst(ticket);
    }

    /** Nothing more is sent before {@code until} (the service said its window is used up). */
    void pause(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** Leaves the line without being sent (the caller gave up waiting). */
    void leave(Pacer.Ticket ticket) {
        first.remove(ticket);
        normal.remove(ticket);
    }

    int waiting() {
        return first.size() + normal.size();
    }

    /**
     * Nothing in it that a new line would not have: nobody waiting or still out, no call left in
     * the window, no pause still running. Forgetting it then changes no call's turn.
     */
    boolean idle(Instant now) {
        forget(now);
        return waiting() == 0 && outstanding == 0 && counted.isEmpty() && !pausedUntil.isAfter(now);
    }

    /**
     * Drops the calls that left the window. A call still out (sent, no answer yet) stays, however long
     * ago it was sent: the service counts it when it arrives, which on a loaded machine can be more
     * than a window after it was sent; it counts from its answer ({@link #answered}). Forgotten at its
     * send stamp, a slow call let a whole window's worth go beside it: the service then saw one call
     * too many in its window (DiscordRestPolicyTest met a global 429 so).
     */
    private void forget(Instant now) {
        Instant horizon = now.minus(limit.per());
        counted.removeIf(t -> !t.outstanding && !t.stamp.isAfter(horizon));
    }
}
