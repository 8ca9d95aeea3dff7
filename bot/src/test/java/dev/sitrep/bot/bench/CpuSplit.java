package dev.sitrep.bot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM over one phase of a benchmark, split by who spent it (thread names): on a
 * 2-core machine every CPU-millisecond spent after the acknowledgement competes with the next
 * acknowledgements, so this says where a command's cost goes. Threads that ended during the phase
 * (and the JVM's own GC and compiler threads, which ThreadMXBean does not list) are in "other".
 */
final class CpuSplit {

    /** The groups, in the order printed. */
    static final String REQUEST = "request threads (Tomcat)";
    static final String AFTER_ACK = "after the ack (sitrep-*, Redis client)";
    static final String STAND_IN = "Slack stand-in (WireMock)";
    static final String SENDERS = "benchmark's senders";
    static final String OTHER = "other (GC, JIT, threads that ended)";
    static final String TOTAL = "whole JVM";

    private final long processNanos;
    private final Map<Long, Long> threadNanos;
    private final Map<Long, String> names;

    private CpuSplit(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> names) {
        this.processNanos = processNanos;
        this.threadNanos = threadNanos;
        this.names = names;
    }

    static CpuSplit now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuSplit(process, cpu, names);
    }

    /** Nanoseconds of CPU from {@code before} to this, by group, added to {@code into} (with "total"). */
    void addSince(CpuSplit before, Map<String, Long> into) {
        long listed = 0;
        for (Map.Entry<Long, Long> t : threadNanos.entrySet()) {
            long spent = t.getValue() - before.threadNanos.getOrDefault(t.getKey(), 0L);
            listed += spent;
            into.merge(group(names.get(t.getKey())), spent, Long::sum);
        }
        long total = processNanos - before.processNanos;
        into.merge(OTHER, total - listed, Long::sum);
        into.merge(TOTAL, total, Long::sum);
    }

    /** An empty tally for {@link #addSince}, its groups in the order printed. */
    static Map<String, Long> tally() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (String group : new String[] {TOTAL, REQUEST, AFTER_ACK, STAND_IN, SENDERS, OTHER}) {
            nanos.put(group, 0L);
        }
        return nanos;
    }

    private static String group(String name) {
        if (name.startsWith("http-nio-")) {
            return REQUEST;
        }
        if (name.startsWith("sitrep-") || name.startsWith("lettuce-") || name.startsWith("redisMessageListenerContainer")) {
            return AFTER_ACK;
        }
        if (name.startsWith("qtp")) {
            return STAND_IN;
        }
        if (name.startsWith("pool-") || name.startsWith("HttpClient-")) {
            return SENDERS;
        }
        return OTHER;
    }
}
