package dev.sitrep.bot.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15 §2's console goal: {@code ./sitrep} as a person runs it (jar built), {@code /incident help}
 * typed at once, seconds until its answer (an upper bound of the prompt's). The first run after a
 * build also makes the start-up cache; then {@code -Dbench.console-runs=3} next runs each of the
 * console as shipped (web server after the prompt, {@code DashboardAfterPrompt}) and, alternating
 * with them, of the web server started with the context ({@code --sitrep.console.dashboard-after-prompt=false},
 * as before), with the process's CPU seconds when it answered: {@code ./bench -Dbench.only=console}.
 * Its local Redis and files go to a temporary directory.
 */
final class ConsoleBenchmark implements Benchmark {

    private static final int RUNS = Integer.getInteger("bench.console-runs", 3);

    private final Path root = StartupBenchmark.repositoryRoot();

    @Override
    public String name() {
        return "console";
    }

    @Override
    public int order() {
        return 210;
    }

    @Override
    public List<Row> run() throws Exception {
        Path work = Files.createTempDirectory("sitrep-bench-console");
        List<Row> rows = new ArrayList<>();
        Run first = start(work, "first", List.of());
        rows.add(first.row("console answer from ./sitrep (s): first run after a build"));
        List<Run> shipped = new ArrayList<>();
        List<Run> before = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            shipped.add(start(work, "next-" + i, List.of()));
            before.add(start(work, "before-" + i, List.of("--sitrep.console.dashboard-after-prompt=false")));
        }
        rows.add(median(shipped, "console answer from ./sitrep (s): next run"));
        rows.add(Row.info("console CPU when it answered (s): next run", StartupBenchmark.median(cpu(shipped))));
        rows.add(median(before, "console answer from ./sitrep (s): next run, web server with the context (before)"));
        rows.add(Row.info("console CPU when it answered (s): next run, web server with the context (before)",
                StartupBenchmark.median(cpu(before))));
        rows.add(Row.info("load average (1 min) after the console runs", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage()));
        return rows;
    }

    private static Row median(List<Run> runs, String label) {
        List<Double> answered = runs.stream().filter(r -> !Double.isNaN(r.seconds)).map(r -> r.seconds).toList();
        if (answered.size() < runs.size()) {
            return Row.info("console: NO answer from ./sitrep in " + (runs.size() - answered.size()) + " of " + runs.size()
                    + " runs: " + label.substring(label.indexOf(':') + 2), Double.NaN);
        }
        return Row.of(label + (runs.stream().anyMatch(r -> r.rebuilt) ? " (rebuilt the jar first)" : ""),
                StartupBenchmark.median(answered), 3.0, "issue bound (prompt)", "< 1");
    }

    private static List<Double> cpu(List<Run> runs) {
        return runs.stream().map(r -> r.cpu).toList();
    }

    private record Run(double seconds, double cpu, boolean rebuilt) {
        Row row(String label) {
            return Double.isNaN(seconds) ? Row.info("console: NO answer from ./sitrep: " + label, Double.NaN)
                    : Row.of(label + (rebuilt ? " (rebuilt the jar first)" : ""), seconds, 3.0, "issue bound (prompt)", "< 1");
        }
    }

    private Run start(Path work, String name, List<String> extra) throws Exception {
        Path log = work.resolve("console-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(root.resolve("sitrep").toString(), "--server.port=0",
                "--sitrep.local-redis.data-dir=" + work.resolve("console-redis"),
                "--sitrep.postmortem.dir=" + work.resolve("console-postmortems"),
                "--sitrep.console.history-file=" + work.resolve("console-history")));
        command.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("DISCORD_") || k.equals("PORT"));
        long started = System.nanoTime();
        Process sitrep = pb.start();
        try {
            sitrep.getOutputStream().write("/incident help\n".getBytes(StandardCharsets.UTF_8));
            sitrep.getOutputStream().flush();
            long deadline = System.nanoTime() + StartupBenchmark.READY_WITHIN.toNanos();
            while (!StartupBenchmark.read(log).contains("/incident start") && sitrep.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // ./sitrep execs java: the same process. Its CPU when it answered (the web's start beside it included).
            double cpu = sitrep.isAlive() ? StartupBenchmark.cpuSeconds(sitrep.pid()) : Double.NaN;
            String out = StartupBenchmark.read(log);
            // Sources edited after the build make ./sitrep build again first: then the figure is not a start's.
            return new Run(out.contains("/incident start") ? seconds : Double.NaN, cpu, out.contains("Building sitrep"));
        } finally {
            sitrep.getOutputStream().close(); // end of input ends the console cleanly (README)
            if (!sitrep.waitFor(60, TimeUnit.SECONDS)) {
                sitrep.destroyForcibly();
            }
        }
    }
}
