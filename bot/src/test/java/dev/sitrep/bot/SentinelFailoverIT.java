package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.redis.RedisIncidentStore;
import dev.sitrep.redis.RedisKeys;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The real bot ({@code java -jar bot/target/sitrep.jar}) configured with Redis Sentinel alone, on
 * real redis-server and redis-sentinel processes (one primary, one replica, three sentinels). The
 * primary is killed mid-incident while notes arrive every 200 ms and reminders fall due: sitrep
 * follows the failover without a restart, every command that failed meanwhile was told to its user,
 * and every reminder is posted exactly once.
 */
class SentinelFailoverIT {

    private static final String SECRET = "sentinel-secret";
    private static final String CHANNEL = "CFAIL";
    private static final int REMINDERS = 60;
    private static final Duration REMINDER_SPACING = Duration.ofMillis(150);
    /**
     * A note every 400 ms, as people keep typing through an outage: still several during the failover
     * (down-after 1 s plus the election, about 2.5 s). Every note is posted at the channel's pace, one a
     * second, and the test waits for all of them: at 200 ms that queue (about 50 notes) took 45 of the
     * test's 150 s.
     */
    private static final long NOTE_EVERY_MS = 400;
    /** Notes arriving before the primary is killed (and the outage begins mid-stream). */
    private static final Duration NOTES_BEFORE_KILL = Duration.ofSeconds(1);
    /** Notes taken by the promoted primary before the test stops typing: commands work again. */
    private static final int NOTES_AFTER_FAILOVER = 5;
    /** Generous: the failover itself takes about down-after (1 s) plus an election. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static Path home;
    private static RedisSentinels redis;
    private static FakeSlackApi slack;
    private static Replicas bot;

    /** One slash command as the test sent it and what came of it. */
    private record Sent(int n, long sentAt, String ack) {
        String text() {
            return String.format("probe #%03d", n);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("sitrep-sentinel");
        redis = new RedisSentinels(Files.createDirectories(home.resolve("redis")));
        slack = new FakeSlackApi();
        slack.channelCreated(CHANNEL, "inc-1-sentinel-failover");
        bot = Replicas.start(1, home, List.of(
                "--spring.data.redis.sentinel.master=" + RedisSentinels.MASTER,
                "--spring.data.redis.sentinel.nodes=" + redis.nodes(),
                "--sitrep.slack.bot-token=xoxb-test", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--sitrep.reminders.poll-interval=200ms", "--sitrep.reminders.lease=5s",
                "--sitrep.postmortem.dir=" + home.resolve("postmortems"), "--sitrep.postmortem.in-channel=false"));
    }

    @AfterAll
    static void stop() {
        // Each on its own: a failure in one must not leave the others' processes running.
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void sitrepFollowsAFailoverWithoutARestart() throws Exception {
        int port = bot.port(0);
        // Health reads the sentinels' answer in the background: wait for it rather than expect it at once.
        await("health names the primary before the failover",
                () -> ("127.0.0.1:" + redis.primaryPort()).equals(primaryInHealth(port)));
        SignedSlackRequests requests = new SignedSlackRequests(port, SECRET);
        requests.command("U1", "alice", "CGENERAL", "start Sentinel failover sev2", "T-start");
        await("kick-off", () -> !slack.messagesTo(CHANNEL).isEmpty());

        Instant firstDue = Instant.now().plusSeconds(3);
        Map<IncidentId, String> reminderIncidents = incidentsDueAcrossTheFailover(firstDue);
        List<String> reminderChannels = List.copyOf(reminderIncidents.values());

        List<Sent> sent = new CopyOnWriteArrayList<>();
        long[] killedAt = new long[1];
        Thread sender = new Thread(() -> sendNotesUntilInterrupted(port, sent), "slack-commands");
        // The kill comes as the reminders are coming due (2 s after the first) and notes are arriving. Every
        // note sent is posted at the channel's pace of one a second (Slack's) and waited for below, so the
        // notes begin only NOTES_BEFORE_KILL ahead of it: notes well before it would only lengthen that queue.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstDue).toMillis() + 2000
                - NOTES_BEFORE_KILL.toMillis()));
        sender.start();
        try {
            await("notes arriving before the kill", () -> sent.size() >= NOTES_BEFORE_KILL.toMillis() / NOTE_EVERY_MS);
            killedAt[0] = System.nanoTime();
            redis.killPrimary();
            await("the sentinels promote the replica", () -> redis.primaryAsSentinelsSay()
                    .equals("127.0.0.1:" + redis.replicaPort()));
            // Taken, not yet posted: the channel posts one message a second (Slack's per-channel pace), so
            // a note sent now is posted only after the whole queue in front of it. Every note sent is
            // still waited for below, posted or told; stopping here keeps that queue short.
            awaitOnPromotedPrimary("notes taken again after the failover", timeline -> sent.stream()
                    .filter(s -> s.sentAt() > killedAt[0] && timeline.stream().anyMatch(t -> t.contains(s.text())))
                    .count() >= NOTES_AFTER_FAILOVER);
        } finally {
            sender.interrupt();
            sender.join();
        }
        // The reminders come due on their own whether notes still arrive or not.
        await("every reminder due", () -> Instant.now().isAfter(firstDue.plus(REMINDER_SPACING.multipliedBy(REMINDERS))));

        await("health names the new primary", () -> ("127.0.0.1:" + redis.replicaPort()).equals(primaryInHealth(port)));
        try {
            // Notes queued behind the outage in the channel's order drain after it; give them time.
            Replicas.await("every accepted note posted or its failure told", BOUND.multipliedBy(3),
                    () -> acceptedNotPosted(sent) <= failureNotices());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": accepted, not posted, not told it was not taken: "
                    + sent.stream().filter(s -> s.ack().contains("Received") && !posted(s) && !toldNotTaken(s))
                    .map(Sent::text).toList() + "; failure notices: " + slack.calls("chat.postEphemeral").stream()
                    .map(f -> f.get("text")).toList(), e);
        }
        // The count above can balance while the last notes still wait in the channel's queue (posted one a
        // second): the notes sent last, once the failover is over, are posted before anything is judged.
        Replicas.await("the last notes sent posted", BOUND.multipliedBy(3), () -> sent.stream()
                .filter(s -> s.ack().contains("Received")).max(java.util.Comparator.comparingLong(Sent::sentAt))
                .map(SentinelFailoverIT::posted).orElse(true));
        await("every reminder posted", () -> reminders(reminderChannels).size() == REMINDERS);
        // A reminder posted twice would have been posted by the time none can be any more.
        Instant lastDue = firstDue.plus(REMINDER_SPACING.multipliedBy(REMINDERS - 1));
        onServer(redis.replicaPort(), promoted -> {
            try {
                await("every reminder settled on the promoted primary",
                        () -> Replicas.settled(promoted, reminderIncidents.keySet(), lastDue));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the reminders to settle", e);
            }
            return null;
        });

        List<Sent> failed = sent.stream().filter(s -> !posted(s)).toList();
        // Acknowledged before the take (issue 15 §1): one Redis could not take is told so privately, by its text.
        long refusedInAck = failed.stream().filter(SentinelFailoverIT::toldNotTaken).count();
        long failedAfterAck = acceptedNotPosted(sent);
        long toldPrivately = Math.min(failedAfterAck, failureNotices());
        long untold = failed.size() - refusedInAck - toldPrivately;
        long timedOut = sent.stream().filter(s -> s.ack().equals("timeout")).count();
        long lastFailure = failed.stream().mapToLong(Sent::sentAt).max().orElse(killedAt[0]);
        long recovered = sent.stream().filter(s -> s.sentAt() > Math.max(lastFailure, killedAt[0]) && posted(s))
                .mapToLong(Sent::sentAt).min().orElseThrow();
        Map<String, Long> perChannel = reminders(reminderChannels);
        long lost = reminderChannels.stream().filter(c -> !perChannel.containsKey(c)).count();
        long doubled = perChannel.values().stream().filter(n -> n > 1).count();
        // Acknowledged and posted, yet not on the promoted replica: what asynchronous replication lost.
        List<String> timeline = onServer(redis.replicaPort(), r -> new RedisIncidentStore(r, RedisKeys.defaults())
                .timeline(new IncidentId(1)).stream().map(TimelineEntry::text).toList());
        long unreplicated = sent.stream().filter(SentinelFailoverIT::posted)
                .filter(s -> timeline.stream().noneMatch(t -> t.contains(s.text()))).count();
        System.out.printf("Sentinel failover: commands succeed again %.1f s after the primary was killed; %d of %d "
                        + "commands failed during the failover (%d told they were not taken, %d told they failed, %d "
                        + "untold, %d past Slack's 3 s); reminders: %d due, %d lost, %d doubled; acknowledged notes missing from "
                        + "the promoted replica's timeline: %d%n",
                (recovered - killedAt[0]) / 1e9, failed.size(), sent.size(),
                refusedInAck, toldPrivately, untold, timedOut,
                REMINDERS, lost, doubled, unreplicated);

        assertThat(untold).as("failed commands nobody was told about: %s", failed).isZero();
        assertThat(lost).as("reminders lost").isZero();
        assertThat(doubled).as("reminders posted twice").isZero();
        assertThat(sent.stream().filter(s -> s.sentAt() > recovered)).as("commands after the failover")
                .isNotEmpty().allMatch(SentinelFailoverIT::posted);
    }

    /** One incident due every {@link #REMINDER_SPACING}, written into the primary and on the replica before anything is killed. */
    private static Map<IncidentId, String> incidentsDueAcrossTheFailover(Instant firstDue) {
        Map<IncidentId, String> channels = onServer(redis.primaryPort(), primary -> {
            Map<IncidentId, String> written = new LinkedHashMap<>();
            for (int i = 0; i < REMINDERS; i++) {
                written.putAll(Replicas.incidentsDueAtById(primary, firstDue.plus(REMINDER_SPACING.multipliedBy(i)), 1,
                        "slack", n -> "CR" + n, "U1"));
            }
            return written;
        });
        long replicas = redis.onServer(redis.primaryPort(), c -> c.sync().waitForReplication(1, 5000));
        assertThat(replicas).as("the replica has the test's incidents").isEqualTo(1);
        return channels;
    }

    /** Waits until {@code condition} holds for INC-1's timeline texts as the promoted primary (the replica) has them. */
    private static void awaitOnPromotedPrimary(String what, java.util.function.Predicate<List<String>> condition) {
        onServer(redis.replicaPort(), r -> {
            RedisIncidentStore store = new RedisIncidentStore(r, RedisKeys.defaults());
            try {
                await(what, () -> {
                    try {
                        return condition.test(store.timeline(new IncidentId(1)).stream().map(TimelineEntry::text).toList());
                    } catch (RuntimeException e) {
                        return false; // still taking over: look again
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            return null;
        });
    }

    /** sitrep's own Redis adapters on one server, as the test's view of what it holds. */
    private static <T> T onServer(int port, Function<StringRedisTemplate, T> work) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            template.afterPropertiesSet();
            return work.apply(template);
        } finally {
            factory.destroy();
        }
    }

    /**
     * A note every 200 ms whether or not earlier ones were answered (people keep typing), each
     * waiting on its answer as Slack does (3 s).
     */
    private static void sendNotesUntilInterrupted(int port, List<Sent> sent) {
        SignedSlackRequests slackSends = new SignedSlackRequests(port, SECRET).waitingAsSlackDoes();
        ExecutorService inFlight = Executors.newCachedThreadPool();
        try {
            for (int n = 1; !Thread.currentThread().isInterrupted(); n++) {
                int number = n;
                long at = System.nanoTime();
                inFlight.execute(() -> sent.add(new Sent(number, at, send(slackSends, number))));
                Thread.sleep(NOTE_EVERY_MS);
            }
        } catch (InterruptedException e) {
            // Stop sending; the ones in flight finish below.
        } finally {
            inFlight.shutdown();
            try {
                inFlight.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String send(SignedSlackRequests slackSends, int n) {
        String text = String.format("probe #%03d", n);
        try {
            return slackSends.command("U1", "alice", CHANNEL, "note " + text, "T-note-" + n).body();
        } catch (HttpTimeoutException e) {
            return "timeout";
        } catch (java.io.IOException | InterruptedException e) {
            return "no answer: " + e;
        }
    }

    private static boolean posted(Sent s) {
        return slack.messagesTo(CHANNEL).stream().anyMatch(t -> t.contains(s.text()));
    }

    /** Acknowledged, taken, but never posted: the work failed after the take. */
    private static long acceptedNotPosted(List<Sent> sent) {
        return sent.stream().filter(s -> s.ack().contains("Received") && !posted(s) && !toldNotTaken(s)).count();
    }

    /** Told privately that Redis could not take it, so nothing was done (it names the command's text). */
    private static boolean toldNotTaken(Sent s) {
        return slack.calls("chat.postEphemeral").stream().anyMatch(f -> String.valueOf(f.get("text"))
                .contains("sitrep could not take \"/incident note " + s.text() + "\""));
    }

    /**
     * The engine's private answers to notes that failed after their acknowledgement: not taken by the
     * store ("could not finish /incident note"), failed unexpectedly ("while running /incident note"),
     * or recorded but not posted ("could not post it in this channel yet": a commit the failover may
     * then lose with its outbox). They do not quote the note, so they are counted, not matched to one.
     */
    private static long failureNotices() {
        return slack.calls("chat.postEphemeral").stream().filter(f -> "U1".equals(f.get("user"))
                && CHANNEL.equals(f.get("channel"))
                && FAILURE_NOTICE.matcher(String.valueOf(f.get("text"))).find()).count();
    }

    private static final java.util.regex.Pattern FAILURE_NOTICE = java.util.regex.Pattern.compile(
            "could not finish /incident note|while running /incident note|could not post it in this channel yet");

    private static Map<String, Long> reminders(List<String> channels) {
        var wanted = new HashSet<>(channels);
        return slack.calls("chat.postMessage").stream()
                .filter(f -> wanted.contains(f.get("channel")) && f.get("text").contains("update was due"))
                .collect(Collectors.groupingBy(f -> f.get("channel"), Collectors.counting()));
    }

    /** The primary /actuator/health names under redisSentinel, or "" while it names none. */
    private static String primaryInHealth(int port) {
        var matcher = java.util.regex.Pattern.compile("\"redisSentinel\":\\{.*?\"primary\":\"([^\"]+)\"")
                .matcher(bot.body(port, "/actuator/health"));
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Replicas.await(what, BOUND, condition);
    }
}
