package dev.sitrep.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The benchmark command's one entry point ({@code ./bench}, README "Development"): runs every
 * {@link Benchmark} on the test classpath, in their {@link Benchmark#order()}, and prints one table:
 * figure, today's value, the reference, the ratio and its goal. Not part of {@code ./mvnw verify}:
 * tagged {@code benchmark} (excluded by default) and run by failsafe only in the {@code bench}
 * profile, after the jar is built, since startup is measured on the real jar. A benchmark that
 * {@linkplain Benchmark#mostlyWaits() mostly waits} on rate limits runs beside the others.
 *
 * <p>{@code -Dbench.only=ack,startup} runs only the named benchmarks.
 */
@Tag("benchmark")
class Benchmarks {

    @Test
    void printTable() throws Exception {
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<Benchmark> benchmarks = new ArrayList<>();
        for (Benchmark b : discovered()) {
            if (only.isEmpty() || only.contains(b.name().toLowerCase(Locale.ROOT))) {
                benchmarks.add(b);
            }
        }
        assertThat(benchmarks).as("benchmarks to run (bench.only=%s)", only).isNotEmpty();
        benchmarks.sort(Comparator.comparingInt(Benchmark::order).thenComparing(Benchmark::name));
        Map<String, Future<List<Row>>> running = new LinkedHashMap<>();
        ExecutorService beside = Executors.newCachedThreadPool();
        try {
            for (Benchmark b : benchmarks) {
                if (b.mostlyWaits()) {
                    running.put(b.name(), beside.submit(() -> timed(b)));
                }
            }
            for (Benchmark b : benchmarks) {
                if (!b.mostlyWaits()) {
                    running.put(b.name(), completed(() -> timed(b)));
                }
            }
        } finally {
            beside.shutdown();
        }
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        Map<String, Exception> failed = new LinkedHashMap<>();
        for (Benchmark b : benchmarks) {
            try {
                rows.put(b.name(), running.get(b.name()).get());
            } catch (ExecutionException e) {
                failed.put(b.name(), e.getCause() instanceof Exception cause ? cause : e);
            }
        }
        System.out.println(Table.render(rows, failed));
        if (!failed.isEmpty()) {
            Exception first = failed.values().iterator().next();
            failed.values().stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** Runs {@code b}, saying on the console how long it took (the whole command should stay within minutes). */
    private static List<Row> timed(Benchmark b) throws Exception {
        long started = System.nanoTime();
        try {
            return b.run();
        } finally {
            System.out.printf(Locale.ROOT, "bench: %s took %.0f s%n", b.name(), (System.nanoTime() - started) / 1e9);
        }
    }

    /** The outcome of {@code task}, run now on this thread, as a future. */
    private static Future<List<Row>> completed(Callable<List<Row>> task) {
        CompletableFuture<List<Row>> outcome = new CompletableFuture<>();
        try {
            outcome.complete(task.call());
        } catch (Exception e) {
            outcome.completeExceptionally(e);
        }
        return outcome;
    }

    /** Every concrete {@link Benchmark} under {@code dev.sitrep}, made with its no-argument constructor. */
    private static List<Benchmark> discovered() throws ReflectiveOperationException {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AssignableTypeFilter(Benchmark.class));
        List<Benchmark> found = new ArrayList<>();
        for (BeanDefinition definition : scan.findCandidateComponents("dev.sitrep")) {
            Constructor<?> constructor = Class.forName(definition.getBeanClassName()).getDeclaredConstructor();
            constructor.setAccessible(true);
            found.add((Benchmark) constructor.newInstance());
        }
        return found;
    }
}
