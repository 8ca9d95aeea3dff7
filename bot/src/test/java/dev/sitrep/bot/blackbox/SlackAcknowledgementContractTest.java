package dev.sitrep.bot.blackbox;

import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.SLACK_WAITS;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.announcementsOf;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.await;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.callsMentioning;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.channelsCreatedFor;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.command;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.deliver;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.incidentNumber;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.now;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.privateRepliesMentioning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.blackbox.SlashCommandDeliveries.Ack;
import dev.sitrep.bot.blackbox.SlashCommandDeliveries.Command;
import dev.sitrep.bot.blackbox.SlashCommandDeliveries.ResponseUrls;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import dev.sitrep.bot.slack.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Black-box contract of how sitrep acknowledges a Slack slash command, checked on two replicas of
 * the real application (in this JVM) sharing one real Redis, against the Slack Web API stand-in
 * {@link FakeSlackApi}. Written from Slack's pages only:
 *
 * <ul>
 *   <li>https://api.slack.com/interactivity/slash-commands#responding_basic_receipt : "respond with
 *       an HTTP 200 OK status code ... within 3000 ms" (else the user sees a timeout error); the
 *       immediate response is shown only to the user unless it says {@code "response_type":
 *       "in_channel"} ("Message visibility").</li>
 *   <li>https://api.slack.com/apis/events-api#retries : a delivery that failed or timed out is sent
 *       again with {@code X-Slack-Retry-Num} and {@code X-Slack-Retry-Reason} (e.g. {@code
 *       http_timeout}) — to whichever replica the load balancer picks; the same payload, so the same
 *       trigger_id. The app must act once.</li>
 *   <li>https://api.slack.com/authentication/verifying-requests-from-slack : a request whose
 *       signature does not match is not from Slack; "If the timestamp is more than five minutes from
 *       local time, it could be a replay attack, so let's ignore the request." The README promises
 *       401 and nothing done.</li>
 * </ul>
 *
 * Run: {@code ./mvnw -o -B -pl bot -am test -Dtest=SlackAcknowledgementContractTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackAcknowledgementContractTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    /** Words an acknowledgement of a command that went through must not say (it went through). */
    private static final Pattern FAILURE = Pattern.compile(
            "(?i)(could ?n[o']t|cannot|can't|failed|error|not (been )?(run|done|taken)|nothing was done|try again|went wrong)");
    private static final Pattern INCIDENT = Pattern.compile("INC-(\\d+)");

    private final String secret = "bbcheck-ack-" + UUID.randomUUID();
    private Path home;
    private RedisProcess redis;
    private FakeSlackApi slack;
    private ResponseUrls responseUrls;
    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private int barriers;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("sitrep-bb-ack");
        redis = new RedisProcess(Files.createDirectories(home.resolve("redis")));
        slack = new FakeSlackApi();
        slack.channelCreated("CBBACK", "inc-bbcheck");
        responseUrls = new ResponseUrls();
        for (int i = 0; i < 2; i++) {
            ConfigurableApplicationContext replica = SlashCommandDeliveries.startReplica(slack, secret, redis.url(),
                    Files.createDirectories(home.resolve("replica-" + i)));
            replicas.add(replica);
            ports.add(SlashCommandDeliveries.port(replica));
        }
        for (int port : ports) {
            await("replica on " + port + " ready", WAIT, () -> SlashCommandDeliveries.ready(port), () -> "");
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (int i = replicas.size() - 1; i >= 0; i--) {
            replicas.get(i).close();
        }
        if (responseUrls != null) responseUrls.close();
        if (slack != null) slack.close();
        if (redis != null) redis.close();
    }

    /** The very first command each replica gets after it reported ready, too: Slack does not wait longer for it. */
    @Test
    @Order(1)
    void aSignedCommandIsAcknowledgedWithin3sWithABodyOnlyTheUserSeesAndRuns() throws Exception {
        for (int r = 0; r < ports.size(); r++) {
            String word = "Ackfirst" + letter(r);
            Command c = command("start " + word + " checkout slow sev2", responseUrls);
            Ack ack = deliver(ports.get(r), c.body(), secret, now(), null, null);
            System.out.printf("[bbcheck] first command to replica %d acknowledged in %d ms: %s%n", r, ack.took().toMillis(), ack);
            assertAcknowledged(ack, "first command to replica " + r);
            awaitSetUp(word);
            assertThat(channelsCreatedFor(slack, word)).as("channels made for " + word).hasSize(1);
            assertAckTextRight(ack, word, "first delivery");
        }
    }

    @Test
    @Order(2)
    void aRetryToTheSameReplicaIsAcknowledgedAndRunsOnce() throws Exception {
        String word = "Retrysame";
        Command c = command("start " + word + " payments down sev1", responseUrls);
        Ack first = deliver(ports.get(0), c.body(), secret, now(), null, null);
        Ack retry = deliver(ports.get(0), c.body(), secret, now(), 1, "http_timeout");
        assertAcknowledged(first, "first delivery");
        assertAcknowledged(retry, "retry 1 (http_timeout) to the same replica");
        assertRanOnce(word, Map.of("first delivery", first, "retry 1 (http_timeout) to the same replica", retry));
    }

    /** The hard case: Slack's retries overlap the first delivery and land on both replicas at once. */
    @Test
    @Order(3)
    void deliveriesOfOneCommandToBothReplicasAtOnceRunOnce() throws Exception {
        String word = "Retryrace";
        Command c = command("start " + word + " search is slow sev2", responseUrls);
        int[][] deliveries = {{0, 0}, {1, 1}, {0, 2}, {1, 3}}; // {replica, X-Slack-Retry-Num (0 = first delivery)}
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.length);
        try {
            List<Future<Ack>> acks = new ArrayList<>();
            for (int[] d : deliveries) {
                Callable<Ack> send = () -> {
                    go.await();
                    return deliver(ports.get(d[0]), c.body(), secret, now(), d[1] == 0 ? null : d[1], "http_timeout");
                };
                acks.add(pool.submit(send));
            }
            go.countDown();
            Map<String, Ack> byWhat = new java.util.LinkedHashMap<>();
            for (int i = 0; i < deliveries.length; i++) {
                String what = (deliveries[i][1] == 0 ? "first delivery" : "retry " + deliveries[i][1]) + " to replica " + deliveries[i][0];
                Ack ack = acks.get(i).get();
                assertAcknowledged(ack, what);
                byWhat.put(what, ack);
            }
            assertRanOnce(word, byWhat);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Slack's later retries (after about a minute, then five) come when the first delivery has long been done. */
    @Test
    @Order(4)
    void aRetryAfterTheIncidentIsSetUpRunsNothingAndIsStillAnsweredRight() throws Exception {
        String word = "Retrylate";
        Command c = command("start " + word + " login slow sev3", responseUrls);
        Ack first = deliver(ports.get(1), c.body(), secret, now(), null, null);
        assertAcknowledged(first, "first delivery");
        awaitSetUp(word);
        Ack retry = deliver(ports.get(0), c.body(), secret, now(), 1, "http_error");
        assertAcknowledged(retry, "retry 1 (http_error) to the other replica after the set-up");
        assertRanOnce(word, Map.of("first delivery", first, "retry 1 (http_error) after the set-up", retry));
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("signed with another secret", "other-secret", 0L, false),
                Arguments.of("signature of another body (text changed on the way)", null, 0L, true),
                Arguments.of("correctly signed, timestamp 6 minutes old", "SECRET", -360L, false),
                Arguments.of("correctly signed, timestamp 5 min 30 s old", "SECRET", -330L, false),
                // "more than five minutes from local time": ahead counts as well as behind
                Arguments.of("correctly signed, timestamp 6 minutes ahead", "SECRET", 360L, false),
                Arguments.of("no X-Slack-Signature and no X-Slack-Request-Timestamp", "NONE", 0L, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @Order(5)
    void aForgedOrReplayedCommandIsRefusedWith401AndRunsNothing(String what, String key, long skew, boolean tampered)
            throws Exception {
        String word = "Forged" + letter(Math.floorMod(what.hashCode(), 26)) + letter(Math.floorMod(what.hashCode() / 26, 26));
        Command c = command("start " + word + " fake outage sev1", responseUrls);
        long ts = now() + skew;
        Ack ack;
        if ("NONE".equals(key)) {
            ack = deliver(ports.get(0), c.body(), ts, null, null, null);
        } else if (tampered) {
            String signedBody = c.body().replace(word, "Harmless");
            ack = deliver(ports.get(0), c.body(), ts, SignedSlackRequests.sign(secret, ts, signedBody), null, null);
        } else {
            ack = deliver(ports.get(0), c.body(), "SECRET".equals(key) ? secret : key, ts, null, null);
        }
        settle();
        assertThat(ack.status()).as(what + ": " + ack).isEqualTo(401);
        assertThat(channelsCreatedFor(slack, word)).as(what + ": channels made").isEmpty();
        assertThat(callsMentioning(slack, word, "conversations.create", "chat.postMessage", "chat.postEphemeral"))
                .as(what + ": Web API calls about it").isEmpty();
        assertThat(responseUrls.posts).as(what + ": response_url posts about it")
                .noneMatch(p -> p.body().toLowerCase().contains(word.toLowerCase()));
    }

    // ------------------------------------------------------------------ checks

    /** 200 within Slack's 3000 ms, with a message only the user who typed the command sees. */
    private static void assertAcknowledged(Ack ack, String what) {
        System.out.printf("[bbcheck] %s: acknowledged %d in %d ms%n", what, ack.status(), ack.took().toMillis());
        assertThat(ack.status()).as(what + " status: " + ack).isEqualTo(200);
        assertThat(ack.took()).as(what + " took (Slack waits 3000 ms): " + ack).isLessThan(SLACK_WAITS);
        assertThat(ack.visible().onlyTheUser()).as(what + ": visible to the whole channel: " + ack).isTrue();
        assertThat(ack.visible().text()).as(what + ": the user is shown nothing: " + ack).isNotBlank();
    }

    /**
     * One incident, one channel at Slack, one announcement; every acknowledgement is still right for
     * it; and no private follow-up said it failed or repeated itself.
     */
    private void assertRanOnce(String word, Map<String, Ack> acks) throws Exception {
        awaitSetUp(word);
        settle();
        assertThat(channelsCreatedFor(slack, word)).as("conversations.create for " + word).hasSize(1);
        assertThat(announcementsOf(slack, word)).as("announcements of " + word).hasSize(1);
        acks.forEach((what, ack) -> assertAckTextRight(ack, word, what));
        List<String> replies = privateRepliesMentioning(slack, responseUrls, word);
        assertThat(replies).as("private follow-ups about " + word).noneMatch(t -> FAILURE.matcher(t).find());
        assertThat(new HashSet<>(replies)).as("the user was told the same thing twice: " + replies).hasSameSizeAs(replies);
    }

    /** Says nothing the outcome contradicts: no failure, and no incident but the one that was made. */
    private void assertAckTextRight(Ack ack, String word, String what) {
        // The user's own words, echoed back, are theirs: only what sitrep says about them counts.
        String text = ack.visible().text().replaceAll("(?i)" + Pattern.quote(word) + "[^`\"]*", word);
        int made = incidentNumber(slack, word).orElseThrow(() -> new AssertionError("no incident channel for " + word));
        assertThat(FAILURE.matcher(text).find()).as(what + ": acknowledgement of a command that ran says it did not: " + text)
                .isFalse();
        Matcher m = INCIDENT.matcher(text);
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).as(what + ": acknowledgement names another incident than INC-" + made
                    + ": " + text).isEqualTo(made);
        }
    }

    private void awaitSetUp(String word) throws InterruptedException {
        await(word + " set up (channel made and announced)", WAIT,
                () -> !channelsCreatedFor(slack, word).isEmpty() && !announcementsOf(slack, word).isEmpty(),
                () -> "created " + channelsCreatedFor(slack, word) + ", announced " + announcementsOf(slack, word)
                        + ", ephemerals " + slack.calls("chat.postEphemeral"));
    }

    /**
     * A fresh command to every replica, run to its announcement: what was delivered before it has
     * been taken (or dropped) by then, so counting afterwards sees any duplicate.
     */
    private void settle() throws Exception {
        List<String> words = new ArrayList<>();
        for (int port : ports) {
            String word = "Barrier" + letter(barriers / 26) + letter(barriers % 26);
            barriers++;
            Ack ack = deliver(port, command("start " + word + " sev4", responseUrls).body(), secret, now(), null, null);
            assertThat(ack.status()).as("barrier " + word + ": " + ack).isEqualTo(200);
            words.add(word);
        }
        for (String word : words) {
            awaitSetUp(word);
        }
    }

    private static String letter(int i) {
        return String.valueOf((char) ('a' + i));
    }
}
