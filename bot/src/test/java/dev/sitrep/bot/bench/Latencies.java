package dev.sitrep.bot.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Measured durations in nanoseconds, read as percentiles in milliseconds. */
public final class Latencies {

    private final List<Long> sorted;

    public Latencies(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("nothing was measured");
        }
        sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
    }

    /** The nearest-rank percentile, in milliseconds. */
    public double millis(double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    public double median() {
        return millis(50);
    }

    public double p99() {
        return millis(99);
    }

    public int count() {
        return sorted.size();
    }
}
