package dev.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 15 §3 on Discord, with the real JDA client in the real bot against the stand-in holding every
 * request to Discord's rate limits (https://discord.com/developers/docs/topics/rate-limits: per-route
 * buckets told by the X-RateLimit-* headers, the global 50 per second, 429 with retry_after): a burst
 * of declarations all gets set up, none fails, nothing is sent again before its retry_after, and those
 * whose channel waits for the channel-creation bucket are told at once their place in line.
 */
class DiscordBurstTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String WAITING = "is recorded; Discord is pacing channel creation, yours is ";

    @Test
    void aBurstWaitsForTheChannelBucketAndEveryDeclarerIsToldNoneFails() throws Exception {
        try (DiscordBurstStand discord = new DiscordBurstStand();
             ConfigurableApplicationContext bot = discord.startBot()) {
            // The first declaration alone: JDA (and sitrep's watch) learn the bucket from its answer.
            List<String> ids = new ArrayList<>();
            ids.add(discord.declare("510000000000000000", "first", "320000000000000000", "Dependency down", "sev2"));
            awaitDeclared(discord, ids);
            // Then more at once than the bucket's window holds: two more than a whole window, so that at least
            // two wait for its reset (only one reset: each further one adds a window, 10 s, and proves nothing new).
            int burst = DiscordBurstStand.CREATE_LIMIT + 2;
            for (int i = 1; i <= burst; i++) {
                ids.add(discord.declare(Long.toString(510000000000000000L + i), "declarer" + i,
                        Long.toString(320000000000000000L + i), "Dependency down, team " + i, "sev2"));
            }
            awaitDeclared(discord, ids);

            List<DiscordBurstStand.Told> told = discord.told().stream().filter(t -> ids.contains(t.interaction())).toList();
            assertThat(told).as("no declarer was told of a failure").noneMatch(t -> t.content().contains("could not")
                    || t.content().contains("failed"));
            Set<String> toldTheirPlace = told.stream().filter(t -> t.content().contains(WAITING))
                    .map(DiscordBurstStand.Told::interaction).collect(Collectors.toSet());
            // At most a window's worth goes at once: the rest waited, and each of them was told so first.
            assertThat(toldTheirPlace).hasSizeGreaterThanOrEqualTo(burst - DiscordBurstStand.CREATE_LIMIT);
            for (String waited : toldTheirPlace) {
                List<String> said = told.stream().filter(t -> t.interaction().equals(waited))
                        .map(DiscordBurstStand.Told::content).toList();
                assertThat(said.get(0)).as("told first that it waits").contains(WAITING).contains("in line, about");
                assertThat(said).anyMatch(c -> c.startsWith("Declared INC-"));
            }
            assertThat(discord.channelsCreated()).hasSize(ids.size());
            assertThat(discord.tooEarly()).as("nothing sent again before its retry_after").isZero();
            assertThat(discord.routeLimited()).as("JDA waited for each bucket by its headers").isZero();
        }
    }

    @Test
    void theGlobalLimitIsWaitedOutAndFailsNothing() throws Exception {
        try (DiscordBurstStand discord = new DiscordBurstStand();
             ConfigurableApplicationContext bot = discord.startBot()) {
            // Lowered to one a second so that two setups at once (each several calls) surely exceed it
            // (Discord's is 50); each more setup only adds its calls at one a second.
            discord.globalPerSecond(1);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ids.add(discord.declare(Long.toString(520000000000000000L + i), "declarer" + i,
                        Long.toString(330000000000000000L + i), "Dependency down, team " + i, "sev2"));
            }
            awaitDeclared(discord, ids);
            assertThat(discord.told().stream().filter(t -> ids.contains(t.interaction())))
                    .noneMatch(t -> t.content().contains("could not") || t.content().contains("failed"));
            assertThat(discord.globalLimited()).as("the global limit was met").isPositive();
            assertThat(discord.tooEarly()).as("no bucket's call sent again before its retry_after").isZero();
            // JDA pauses every bucket on a global 429; calls already on their way still arrive during it.
            org.slf4j.LoggerFactory.getLogger(DiscordBurstTest.class).info("global 429s {}, calls arriving during one {}",
                    discord.globalLimited(), discord.globalTooEarly());
        }
    }

    private static void awaitDeclared(DiscordBurstStand discord, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Set<String> declared = discord.told().stream().filter(t -> t.content().startsWith("Declared INC-"))
                    .map(DiscordBurstStand.Told::interaction).collect(Collectors.toSet());
            if (declared.containsAll(ids)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(ids.stream().filter(declared::contains).count() + " of " + ids.size()
                        + " declared within " + WAIT + "; told: " + discord.told());
            }
            Thread.sleep(100);
        }
    }
}
