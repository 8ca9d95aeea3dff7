package dev.sitrep.bot.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least time Slack's limits allow to set up incidents declared at given instants: each
 * incident's calls in order, each as early as its method's window lets it (the same rules as the
 * stand-in, {@code SlackTierLimits}), calls taking no time at all. The reference of the burst figure.
 */
final class TierSchedule {

    private static final long MINUTE = 60_000;

    /** A step of {@code /incident start} on Slack: its line, and how many calls that line takes per window. */
    private record Step(String line, int calls, long windowMillis) {
    }

    private static final List<Step> SETUP = List.of(
            new Step("conversations.create", 20, MINUTE),
            new Step("conversations.invite", 50, MINUTE),
            new Step("conversations.setTopic", 20, MINUTE),
            new Step("chat.postMessage:own channel", Integer.MAX_VALUE, 1_000),
            new Step("pins.add", 20, MINUTE),
            new Step("chat.postMessage:broadcast", 1, 1_000),
            new Step("chat.postEphemeral", 100, MINUTE));

    private TierSchedule() {
    }

    /** When the last incident declared at {@code arrivals} (epoch ms, ascending) can be fully set up. */
    static long lastFinish(List<Long> arrivals) {
        return lastOf(arrivals, "chat.postEphemeral");
    }

    /** When the last call of {@code line} happens in that least schedule. */
    static long lastOf(List<Long> arrivals, String line) {
        Map<String, List<Long>> used = new HashMap<>();
        for (long arrival : arrivals) {
            long t = arrival;
            for (Step step : SETUP) {
                List<Long> times = used.computeIfAbsent(step.line(), k -> new ArrayList<>());
                t = earliest(times, t, step);
                times.add(t);
            }
        }
        return used.get(line).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static long earliest(List<Long> times, long from, Step step) {
        long t = from;
        while (true) {
            long at = t;
            List<Long> inWindow = times.stream().filter(x -> x > at - step.windowMillis() && x <= at).sorted().toList();
            if (inWindow.size() < step.calls()) {
                return t;
            }
            t = inWindow.get(inWindow.size() - step.calls()) + step.windowMillis();
        }
    }
}
