package dev.sitrep.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import dev.sitrep.bot.slack.SlackBenchStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 15 §3, a major outage's burst: 40 people declare 40 incidents within one minute, each in
 * their own channel, against the Slack stand-in holding every method to its published tier with 429
 * + Retry-After ({@code SlackTierLimits}). Prints the time until the last incident is fully set up
 * (its declarer's "Declared INC-n" answer, after channel, invite, topic, kick-off, pin and
 * announcement) next to the least time those limits allow for the same arrivals, the 429s met, the
 * commands that failed, how soon each declarer first heard something, and the lateness of the
 * reminders of three incidents already open meanwhile (sev1 every 10 s here). The same burst on
 * Discord is {@link DiscordBurst} ({@code -Dbench.only=discord-burst}), run beside it.
 */
final class BurstBenchmark implements Benchmark {

    private static final String SECRET = "bench-signing-secret";
    private static final int DECLARATIONS = Integer.getInteger("bench.burst", 40);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int OLDER = 3;
    private static final Duration CADENCE = Duration.ofSeconds(10);
    /** A reminder's key names the update's due time and the round; round r is due (r-1) cadences later. */
    private static final Pattern REMINDER_DUE = Pattern.compile("reminder:\\d+:(\\d+):(\\d+):");

    @Override
    public String name() {
        return "burst";
    }

    @Override
    public int order() {
        return 300;
    }

    /** Its figures are set by Slack's tiers (two minutes of waiting), not by the CPU. */
    @Override
    public boolean mostlyWaits() {
        return true;
    }

    /** Slack's rows; Discord's are {@link DiscordBurst}'s, which runs beside it (both mostly wait on limits). */
    @Override
    public List<Row> run() throws Exception {
        return slack();
    }

    private List<Row> slack() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            SlackBenchStubs.everyIncidentItsOwnChannel(slack);
            slack.enforceTierLimits();
            Path home = Files.createTempDirectory("sitrep-bench-burst");
            try (ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class).run(
                    "--server.port=0", "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                    "--sitrep.severities.sev1.update-every=" + CADENCE.toSeconds() + "s",
                    "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                    "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--logging.level.root=error")) {
                SignedSlackRequests requests = new SignedSlackRequests(AcknowledgementBenchmark.port(sitrep), SECRET);
                List<Long> olderSent = new ArrayList<>();
                for (int i = 0; i < OLDER; i++) {
                    olderSent.add(System.currentTimeMillis());
                    requests.command("UOLD" + i, "old" + i, "COLD" + i, "start Older outage " + i + " sev1", "T-old-" + i);
                }
                awaitAnswers(slack, "UOLD", OLDER, Duration.ofMinutes(1));
                long reminderFrom = System.currentTimeMillis();

                Map<String, Long> sentAt = new HashMap<>();
                long start = System.currentTimeMillis();
                for (int i = 0; i < DECLARATIONS; i++) {
                    long at = start + WITHIN.toMillis() * i / DECLARATIONS;
                    Thread.sleep(Math.max(0, at - System.currentTimeMillis()));
                    String user = "UB" + i;
                    sentAt.put(user, System.currentTimeMillis());
                    var ack = requests.command(user, "declarer" + i, "CTEAM" + i, "start Dependency down, team " + i
                            + " sev2", "T-burst-" + i);
                    assertThat(ack.statusCode()).as("acknowledged").isEqualTo(200);
                }
                awaitAnswers(slack, "UB", DECLARATIONS, Duration.ofMinutes(6));
                long reminderTo = System.currentTimeMillis();

                Map<String, Long> firstHeard = new HashMap<>();
                Map<String, Long> declared = new HashMap<>();
                int toldTheirPlace = 0;
                int failed = 0;
                for (LoggedRequest r : slack.requests("chat.postEphemeral")) {
                    Map<String, String> form = FakeSlackApi.form(r);
                    String user = form.get("user");
                    if (user == null || !user.startsWith("UB")) {
                        continue;
                    }
                    long at = r.getLoggedDate().getTime();
                    firstHeard.merge(user, at, Math::min);
                    String text = form.getOrDefault("text", "");
                    if (text.contains("is recorded; Slack is pacing channel creation")) {
                        toldTheirPlace++;
                    } else if (text.startsWith("Declared INC-")) {
                        declared.put(user, at);
                        if (text.contains("failed")) {
                            failed++;
                        }
                    } else {
                        failed++;
                    }
                }
                failed += DECLARATIONS - declared.size();
                double lastSetUp = (declared.values().stream().mapToLong(Long::longValue).max().orElseThrow() - start) / 1e3;
                // The older incidents' setups used the same windows a moment before: the least time counts them.
                List<Long> arrivals = java.util.stream.Stream.concat(olderSent.stream(), sentAt.values().stream())
                        .sorted().toList();
                double minimum = (TierSchedule.lastFinish(arrivals) - start) / 1e3;
                long slowestFirstAnswer = sentAt.entrySet().stream()
                        .mapToLong(e -> firstHeard.getOrDefault(e.getKey(), Long.MAX_VALUE) - e.getValue()).max().orElseThrow();

                List<Long> lateness = new ArrayList<>();
                for (LoggedRequest r : slack.requests("chat.postMessage")) {
                    Matcher due = REMINDER_DUE.matcher(FakeSlackApi.form(r).getOrDefault("metadata", ""));
                    long at = r.getLoggedDate().getTime();
                    if (due.find() && at >= reminderFrom && at <= reminderTo) {
                        long dueAt = Long.parseLong(due.group(1)) + (Long.parseLong(due.group(2)) - 1) * CADENCE.toMillis();
                        lateness.add((at - dueAt) * 1_000_000L);
                    }
                }
                assertThat(lateness).as("reminders of the older incidents during the burst").isNotEmpty();
                Latencies late = new Latencies(lateness);
                double lastCreate = (slack.requests("conversations.create").stream()
                        .mapToLong(r -> r.getLoggedDate().getTime()).max().orElseThrow() - start) / 1e3;
                double leastCreate = (TierSchedule.lastOf(arrivals, "conversations.create") - start) / 1e3;
                return List.of(
                        Row.of("burst: last channel created (s)", lastCreate, leastCreate, "least the tiers allow", "≤ 1.1"),
                        Row.of(DECLARATIONS + " declared in " + WITHIN.toSeconds() + " s: last fully set up (s)", lastSetUp,
                                minimum, "least the tiers allow", "≤ 1.1"),
                        Row.info("burst: 429s received", slack.rateLimited()),
                        Row.info("burst: commands failed", failed),
                        Row.info("burst: declarers told their place in line", toldTheirPlace),
                        Row.info("burst: slowest first private answer (ms)", slowestFirstAnswer),
                        Row.info("burst: older incidents' reminders, lateness p50 (ms), " + late.count() + " posted",
                                late.median()),
                        Row.info("burst: older incidents' reminders, lateness max (ms)", late.millis(100)));
            }
        }
    }

    /** Waits until {@code count} users whose id starts with {@code prefix} got their "Declared INC-" answer. */
    private static void awaitAnswers(FakeSlackApi slack, String prefix, int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long answered = slack.calls("chat.postEphemeral").stream()
                    .filter(f -> f.getOrDefault("user", "").startsWith(prefix)
                            && f.getOrDefault("text", "").startsWith("Declared INC-"))
                    .map(f -> f.get("user")).distinct().count();
            if (answered >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(answered + " of " + count + " declarations answered within " + within);
            }
            Thread.sleep(250);
        }
    }
}
