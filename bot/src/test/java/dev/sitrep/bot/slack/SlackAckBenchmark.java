package dev.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark, not a test: reminder lateness with many armed timers. (The acknowledgement benchmark
 * moved to {@code dev.sitrep.bot.bench.AcknowledgementBenchmark}, one row source of {@code ./bench}.)
 *
 * <p>Run: {@code ./mvnw -B verify -pl bot -am -Dsitrep.excludedGroups=remote -Dgroups=benchmark}.
 */
@Tag("benchmark")
class SlackAckBenchmark {

    private static final String SECRET = "bench-signing-secret";

    /**
     * Reminder lateness with 10,000 armed timers: 9,000 due later, 1,000 due over five seconds;
     * lateness is when Slack (WireMock) received each reminder minus when it was due. A first round
     * of 1,000 on a fresh JVM is printed as "cold" (the JIT compiles while it runs); the 10,000-timer
     * round after it is the steady state. Also prints the bot's heap growth per open incident
     * (state lives in Redis, so it should be small).
     */
    @Test
    void reminderLatenessWithTenThousandTimers() throws Exception {
        int armed = Integer.getInteger("bench.timers", 10_000);
        int dueSoon = armed / 10;
        try (FakeSlackApi slack = new FakeSlackApi()) {
            Path home = Files.createTempDirectory("sitrep-bench-timers");
            try (ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--logging.level.root=error")) {
                var store = sitrep.getBean(dev.sitrep.redis.RedisIncidentStore.class);
                var timers = sitrep.getBean(dev.sitrep.redis.RedisDueTimers.class);
                var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
                var reminders = sitrep.getBean(dev.sitrep.bot.SitrepProperties.class).reminders();
                System.out.printf("%nReminder lateness (poll interval %s, parallelism %d per replica, one replica)%n",
                        reminders.pollInterval(), reminders.parallelism());
                reminderRound("cold", dueSoon, 0, store, timers, slack);
                slack.reset();
                System.gc();
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                reminderRound("warm", dueSoon, armed - dueSoon, store, timers, slack);
                System.gc();
                long heapAfter = memory.getHeapMemoryUsage().getUsed();
                System.out.printf("heap used: %.1f MB before, %.1f MB after %d more open incidents: %.0f bytes per incident "
                                + "(same JVM as WireMock and the test, so an upper bound)%n",
                        heapBefore / 1e6, heapAfter / 1e6, armed, Math.max(0, heapAfter - heapBefore) / (double) armed);
            }
        }
    }

    /** Arms {@code later} timers ten minutes out, then {@code soon} due over five seconds, and prints their lateness. */
    private static void reminderRound(String label, int soon, int later, dev.sitrep.redis.RedisIncidentStore store,
                                      dev.sitrep.redis.RedisDueTimers timers, FakeSlackApi slack) throws Exception {
        java.util.Map<String, java.time.Instant> dueByChannel = new java.util.HashMap<>();
        java.time.Instant start = null;
        // The far ones first, so that arming the soon ones takes well under their lead time.
        for (int i = soon + later - 1; i >= 0; i--) {
            boolean isSoon = i < soon;
            if (isSoon && start == null) {
                start = java.time.Instant.now().plusSeconds(10);
            }
            var id = store.nextId();
            java.time.Duration cadence = java.time.Duration.ofMinutes(15);
            java.time.Instant due = isSoon ? start.plusMillis(5_000L * i / soon)
                    : java.time.Instant.now().plus(java.time.Duration.ofMinutes(10));
            String channel = "CT" + id.number();
            var incident = dev.sitrep.commands.incident.Incident.declare(id, "Timer " + id.number(),
                    dev.sitrep.commands.incident.Severity.SEV1, false, new dev.sitrep.commands.incident.Member("slack", "U1", "alice"),
                    due.minus(cadence), cadence).withChannel(new dev.sitrep.commands.incident.ChannelRef("slack", channel, channel));
            store.create(incident);
            timers.arm(id, due);
            if (isSoon) {
                dueByChannel.put(channel, due);
            }
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (slack.requests("chat.postMessage").size() < soon && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        List<Long> latenessMillis = new ArrayList<>();
        for (var request : slack.requests("chat.postMessage")) {
            java.time.Instant due = dueByChannel.get(FakeSlackApi.form(request).get("channel"));
            if (due != null) {
                latenessMillis.add(request.getLoggedDate().getTime() - due.toEpochMilli());
            }
        }
        assertThat(latenessMillis).hasSize(soon);
        Collections.sort(latenessMillis);
        System.out.printf("%s: %d timers armed, %d due over 5 s, all posted; lateness median %d ms, p99 %d ms, max %d ms%n",
                label, timers.armed(), soon, latenessMillis.get(latenessMillis.size() / 2),
                latenessMillis.get((int) Math.ceil(latenessMillis.size() * 0.99) - 1),
                latenessMillis.get(latenessMillis.size() - 1));
    }
}
