package dev.sitrep.bot.bench;

import java.util.List;

/**
 * One benchmark of the table {@code ./bench} prints. To add rows: write a class implementing this
 * interface with a no-argument constructor anywhere under {@code dev.sitrep}; {@link Benchmarks}
 * finds it on the test classpath, runs it and prints its rows. Nothing else to register.
 *
 * <p>A benchmark measures and returns figures; it asserts only that what it measured happened
 * (every request answered, every reminder posted), never how fast.
 */
public interface Benchmark {

    /** Short name, for {@code -Dbench.only=name,…} and for naming a failure. */
    String name();

    /** Where its rows stand in the table: lower first. Issue 15's sections by hundreds: §1 100, §2 200, §3 300, §4 400. */
    int order();

    /**
     * True for a benchmark bound by a stand-in's rate limits rather than by the CPU (the burst: its
     * figures are set by Slack's tiers): it runs beside the others instead of after them, so the
     * whole command ends sooner. Its rows still print in {@link #order()}.
     */
    default boolean mostlyWaits() {
        return false;
    }

    /** Runs the benchmark and returns its rows, in the order to print them. */
    List<Row> run() throws Exception;
}
