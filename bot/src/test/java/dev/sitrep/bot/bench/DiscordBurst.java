package dev.sitrep.bot.bench;

import dev.sitrep.bot.discord.DiscordBurstStand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The burst's Discord rows (issue 15 §3): 40 people declare within a minute, each in their team's
 * channel, against the Discord stand-in holding every request to Discord's rate limits (per-route
 * buckets told by X-RateLimit-* headers, channel creation the tight one, the global 50 per second,
 * 429 + retry_after: {@code DiscordRateLimits}), with the real JDA client in the real bot. Prints
 * the time to the last channel and to the last fully set-up incident next to the least time the
 * stand-in's buckets allow for the same arrivals, the 429s met, the commands that failed, the
 * declarers told their place, how soon each heard something, and the reminders of three incidents
 * already open meanwhile (sev1 every 10 s here).
 */
final class DiscordBurst implements Benchmark {

    private static final int DECLARATIONS = Integer.getInteger("bench.burst", 40);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int OLDER = 3;
    private static final Duration CADENCE = Duration.ofSeconds(10);
    private static final String WAITING = "is recorded; Discord is pacing channel creation";

    @Override
    public String name() {
        return "discord-burst";
    }

    /** Right after Slack's burst rows (§3). */
    @Override
    public int order() {
        return 301;
    }

    /** Its figures are set by the stand-in's buckets (two minutes of waiting), not by the CPU. */
    @Override
    public boolean mostlyWaits() {
        return true;
    }

    @Override
    public List<Row> run() throws Exception {
        try (DiscordBurstStand discord = new DiscordBurstStand();
             ConfigurableApplicationContext sitrep = discord.startBot(
                     "--sitrep.severities.sev1.update-every=" + CADENCE.toSeconds() + "s", "--logging.level.root=error")) {
            warmUp(discord);
            for (int i = 0; i < OLDER; i++) {
                // One by one, again if the stand-in refused a deferral later than Discord's 3 s (nothing was taken then).
                for (int attempt = 1; ; attempt++) {
                    String id = discord.declare(Long.toString(540000000000000000L + i), "old" + i,
                            Long.toString(350000000000000000L + i), "Older outage " + i, "sev1");
                    try {
                        awaitDeclared(discord, List.of(id), Duration.ofSeconds(30));
                        break;
                    } catch (AssertionError late) {
                        if (attempt == 3) {
                            throw late;
                        }
                    }
                }
            }
            List<String> olderChannels = discord.created().stream().limit(OLDER).map(DiscordBurstStand.Created::channel)
                    .toList();

            Map<String, Long> sentAt = new LinkedHashMap<>();
            long start = System.currentTimeMillis();
            for (int i = 0; i < DECLARATIONS; i++) {
                long at = start + WITHIN.toMillis() * i / DECLARATIONS;
                Thread.sleep(Math.max(0, at - System.currentTimeMillis()));
                long sent = System.currentTimeMillis();
                sentAt.put(discord.declare(Long.toString(550000000000000000L + i), "declarer" + i,
                        Long.toString(360000000000000000L + i), "Dependency down, team " + i, "sev2"), sent);
            }
            List<String> burst = new ArrayList<>(sentAt.keySet());
            try {
                awaitDeclared(discord, burst, Duration.ofMinutes(6));
            } catch (AssertionError notAll) {
                // Counted below as failed commands.
            }
            long end = System.currentTimeMillis();

            Map<String, Long> firstHeard = new HashMap<>();
            Map<String, Long> declared = new HashMap<>();
            Set<String> toldTheirPlace = new java.util.HashSet<>();
            int failedAnswers = 0;
            for (DiscordBurstStand.Told t : discord.told()) {
                if (!sentAt.containsKey(t.interaction())) {
                    continue;
                }
                firstHeard.merge(t.interaction(), t.at(), Math::min);
                if (t.content().contains(WAITING)) {
                    toldTheirPlace.add(t.interaction());
                } else if (t.content().startsWith("Declared INC-")) {
                    declared.merge(t.interaction(), t.at(), Math::min);
                    if (t.content().contains("failed")) {
                        failedAnswers++;
                    }
                } else {
                    failedAnswers++;
                }
            }
            int failed = failedAnswers + (DECLARATIONS - declared.size());
            double lastSetUp = (declared.values().stream().mapToLong(Long::longValue).max().orElse(start) - start) / 1e3;
            List<DiscordBurstStand.Created> created = discord.created();
            double lastChannel = (created.get(created.size() - 1).at() - start) / 1e3;

            // The least the buckets allow: the older incidents' creations as they happened, then each
            // declaration's channel as soon as the creation bucket allows, and its announcement as soon
            // as the broadcast channel's bucket allows after that; every call taking no time.
            List<Long> olderCreated = created.stream().limit(OLDER).map(DiscordBurstStand.Created::at).toList();
            List<Long> arrivals = sentAt.values().stream().sorted().toList();
            FixedWindows creation = new FixedWindows(DiscordBurstStand.CREATE_LIMIT, DiscordBurstStand.CREATE_WINDOW_MILLIS);
            olderCreated.forEach(creation::take);
            List<Long> channels = arrivals.stream().map(creation::take).toList();
            FixedWindows announcements = new FixedWindows(DiscordBurstStand.MESSAGE_LIMIT,
                    DiscordBurstStand.MESSAGE_WINDOW_MILLIS);
            long leastSetUp = channels.stream().mapToLong(announcements::take).max().orElseThrow();
            double leastChannel = (channels.get(channels.size() - 1) - start) / 1e3;

            long slowestFirst = sentAt.entrySet().stream()
                    .mapToLong(e -> firstHeard.getOrDefault(e.getKey(), Long.MAX_VALUE) - e.getValue()).max().orElseThrow();
            // Reminders of the older incidents during the burst: the longest gap between two in one channel.
            long longestGap = 0;
            int reminders = 0;
            for (String channel : olderChannels) {
                List<Long> times = discord.posted().stream()
                        .filter(p -> p.channel().equals(channel) && p.at() >= start && p.at() <= end)
                        .map(DiscordBurstStand.Posted::at).toList();
                reminders += times.size();
                for (int i = 1; i < times.size(); i++) {
                    longestGap = Math.max(longestGap, times.get(i) - times.get(i - 1));
                }
            }
            if (reminders == 0) {
                throw new AssertionError("no reminder of the older incidents was posted during the burst");
            }
            return List.of(
                    Row.of("burst (Discord): last channel created (s)", lastChannel, leastChannel,
                            "least the buckets allow", "≤ 1.1"),
                    Row.of(DECLARATIONS + " declared in " + WITHIN.toSeconds() + " s (Discord): last fully set up (s)",
                            lastSetUp, (leastSetUp - start) / 1e3, "least the buckets allow", "≤ 1.1"),
                    Row.info("burst (Discord): 429s received (route + global)", discord.routeLimited() + discord.globalLimited()),
                    Row.info("burst (Discord): requests sent again before retry_after", discord.tooEarly()
                            + discord.globalTooEarly()),
                    Row.info("burst (Discord): commands failed", failed),
                    Row.info("burst (Discord): declarers told their place in line", toldTheirPlace.size()),
                    Row.info("burst (Discord): slowest first private answer (ms)", slowestFirst),
                    Row.of("burst (Discord): older incidents' reminders, longest gap (s), " + reminders + " posted",
                            longestGap / 1e3, CADENCE.toSeconds(), "the sev1 cadence", "≤ 1.1"));
        }
    }

    /**
     * One command answered before the measure: the stand-in refuses a deferral later than Discord's
     * 3 s, which a cold JDA path on a loaded machine can miss for the very first command.
     */
    private static void warmUp(DiscordBurstStand discord) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            String id = discord.help("530000000000000000", "warmup");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (discord.told().stream().anyMatch(t -> t.interaction().equals(id))) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("sitrep on Discord answered none of five /incident help");
    }

    /** A bucket as the stand-in counts it: a window opens with its first request and allows {@code limit} until it resets. */
    private static final class FixedWindows {
        private final int limit;
        private final long window;
        private long resetAt = Long.MIN_VALUE;
        private int used;
        /** The last request taken: a later one never goes before it (JDA's queue is first come, first served). */
        private long last = Long.MIN_VALUE;

        FixedWindows(int limit, long window) {
            this.limit = limit;
            this.window = window;
        }

        /** The earliest a request arriving at {@code at} can go, taken. */
        long take(long at) {
            long t = Math.max(at, last);
            if (t >= resetAt) {
                resetAt = t + window;
                used = 0;
            } else if (used >= limit) {
                t = resetAt;
                resetAt = t + window;
                used = 0;
            }
            used++;
            last = t;
            return t;
        }
    }

    private static void awaitDeclared(DiscordBurstStand discord, List<String> ids, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Set<String> declared = discord.told().stream().filter(t -> t.content().startsWith("Declared INC-"))
                    .map(DiscordBurstStand.Told::interaction).collect(Collectors.toSet());
            long answered = ids.stream().filter(declared::contains).count();
            if (answered == ids.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(answered + " of " + ids.size() + " Discord declarations answered within " + within);
            }
            Thread.sleep(250);
        }
    }
}
