package dev.sitrep.bot.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sitrep.bot.slack.SignedSlackRequests;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black-box: the jar in Slack HTTP mode, as the README's Slack section runs it, against
 * {@link BbSlackFake} behind {@link BbSlackFaults} (Slack's error, rate-limit, warning and
 * unknown-field answers). Two recent changes, checked from Slack's pages only:
 *
 * <ol>
 *   <li>{@code /slack/events} acknowledges before it works: slash commands
 *       (https://api.slack.com/interactivity/slash-commands), interactivity
 *       (https://api.slack.com/interactivity/handling) and the Events API
 *       (https://api.slack.com/apis/connections/events-api), each signed as
 *       https://api.slack.com/authentication/verifying-requests-from-slack says.</li>
 *   <li>the Web API client keeps one JSON parser: what sitrep does with each documented answer
 *       (https://api.slack.com/web#responses , https://api.slack.com/docs/rate-limits).</li>
 * </ol>
 * One bot for the whole class; every check uses its own words so the checks do not see each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackDeliveryAndWebApiAnswersContractIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * conversations.create is Tier 2, "20+ per minute" (https://api.slack.com/docs/rate-limits), and
     * sitrep paces its calls to it (README "Bursts"): a channel may come a minute after the command.
     */
    private static final Duration CHANNEL_WAIT = Duration.ofSeconds(90);
    /** https://api.slack.com/interactivity/slash-commands#responding_basic_receipt : "within 3000 ms". */
    private static final Duration SLACK_WAITS = Duration.ofMillis(3000);
    private static final String BROADCAST = "C0INCIDENT";
    private static final String GENERAL = "C0GENERAL1";
    private static final String ALICE = "UALICE0001";
    private static final String BOB = "UBOB00001";
    /** What a user must never be shown: the inside of a program. */
    private static final Pattern STACK = Pattern.compile("(Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.|com\\.slack\\.api|NullPointer|Caused by)");
    /** Words a private answer about a command that went through must not say. */
    private static final Pattern FAILURE = Pattern.compile(
            "(?i)(could ?n[o']t|cannot|can't|failed|error|not (been )?(run|done|taken)|nothing was done|try again|went wrong)");

    private BbSlackFake slack;
    private BbSlackFaults faults;
    private BbBot bot;
    private Path postmortems;
    private final AtomicInteger barriers = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        slack = new BbSlackFake();
        faults = new BbSlackFaults(slack);
        slack.addChannel(BROADCAST, "incidents", true);
        slack.addChannel(GENERAL, "general", false).members.addAll(List.of(ALICE, BOB));
        postmortems = Files.createTempDirectory("bb-slack-answers-postmortems");
        try {
            bot = BbBot.start("slack-answers",
                    Map.of("SLACK_BOT_TOKEN", BbSlackFake.TOKEN, "SLACK_SIGNING_SECRET", BbSlack.SIGNING_SECRET),
                    List.of("--sitrep.slack.api-url=" + faults.apiUrl(),
                            "--sitrep.slack.broadcast-channel=" + BROADCAST,
                            "--sitrep.postmortem.dir=" + postmortems,
                            "--sitrep.postmortem.in-channel=false"));
        } catch (Throwable t) {
            faults.close();
            slack.close();
            throw t;
        }
    }

    @AfterAll
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (faults != null) {
            faults.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @AfterEach
    void heal() {
        faults.heal();
    }

    // ================================================================== 1. acknowledge, then work

    /**
     * https://api.slack.com/interactivity/slash-commands#responding_basic_receipt : "respond with an
     * HTTP 200 OK status code ... within 3000 ms"; "#responding_immediate_response": a message in
     * the response body is JSON ({@code Content-type: application/json}), and "By default ... the
     * response_type is ephemeral" (only the user sees it); an empty body is a bare acknowledgement
     * (https://api.slack.com/interactivity/handling#acknowledgment_response : "an HTTP 200 OK ...
     * an empty body"). The work's own answer comes later, by response_url or chat.postEphemeral
     * (https://api.slack.com/interactivity/handling#message_responses).
     */
    @Test
    void slashCommandIsAcknowledgedWithin3sInAShapeSlackTakesAndAnsweredPrivatelyLater() throws Exception {
        String word = "Ackshape";
        String responseUrl = slack.newResponseUrl(ALICE);
        String body = slashBody(ALICE, "alice", GENERAL, "start " + word + " checkout slow sev2", responseUrl, trigger());
        Timed ack = timed(() -> bot.post("/slack/events", "application/x-www-form-urlencoded", body, BbSlack.signed(body)));
        assertEquals(200, ack.response.statusCode(), "a validly signed slash command gets 200: " + ack);
        assertTrue(ack.took.compareTo(SLACK_WAITS) < 0, "Slack waits 3000 ms for the acknowledgement; it took " + ack.took.toMillis() + " ms");
        System.out.println("[bbcheck] /incident start acknowledged: " + ack);
        assertAckShape(ack.response, "the /incident start acknowledgement");

        BbSlackFake.Channel channel = channelFor(word);
        BbWait.untilTrue("a private answer to alice (response_url or chat.postEphemeral) naming the incident channel", WAIT,
                () -> slack.privateAnswersTo(ALICE).stream().anyMatch(a -> a.contains(channel.id) || a.contains(channel.name)),
                this::seen);
        for (String a : privateAbout(word, channel)) {
            assertFalse(STACK.matcher(a).find(), "no program internals in a private answer: " + a);
        }
    }

    /**
     * https://api.slack.com/authentication/verifying-requests-from-slack : the signature is the
     * HMAC-SHA256 of "v0:" + timestamp + ":" + body; "If the timestamp is more than five minutes
     * from local time, it could be a replay attack, so let's ignore the request." Every kind of
     * request to the one Request URL (slash command, interaction payload, url_verification, event)
     * is signed the same way, so every kind is refused the same way: 401 (README), nothing done.
     */
    @Test
    void forgedStaleOrUnsignedRequestsOfEveryKindAreRefusedAndDoNothing() throws Exception {
        BbSlackFake.Message kickoff = kickoff("Forgetarget", "forgetarget");
        JsonObject postUpdate = button(kickoff, "post update");
        int viewsBefore = slack.views.size();
        int updatesBefore = slack.calls("chat.update").size();

        Map<String, String[]> kinds = new LinkedHashMap<>();
        kinds.put("slash command", new String[] {"application/x-www-form-urlencoded",
                slashBody(BOB, "bob", GENERAL, "start Forgedslash outage sev1", slack.newResponseUrl(BOB), trigger())});
        kinds.put("block_actions click", new String[] {"application/x-www-form-urlencoded",
                "payload=" + BbSlack.enc(BbSlack.blockActions(slack, ALICE, "alice", kickoff, postUpdate))});
        kinds.put("url_verification", new String[] {"application/json",
                "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"forgedchallenge3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkv\",\"type\":\"url_verification\"}"});
        kinds.put("event_callback", new String[] {"application/json", event("EvForged01", reaction(kickoff.channel(), kickoff.ts(), BOB))});

        List<String> wrong = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (Map.Entry<String, String[]> k : kinds.entrySet()) {
            String type = k.getValue()[0];
            String body = k.getValue()[1];
            Map<String, Map<String, String>> forgeries = new LinkedHashMap<>();
            forgeries.put("signed with another secret", headers(now, SignedSlackRequests.sign("not-the-signing-secret", now, body)));
            forgeries.put("signature of another body", headers(now, SignedSlackRequests.sign(BbSlack.SIGNING_SECRET, now, body + " ")));
            forgeries.put("correctly signed, timestamp 6 minutes old", headers(now - 360, SignedSlackRequests.sign(BbSlack.SIGNING_SECRET, now - 360, body)));
            forgeries.put("correctly signed, timestamp 6 minutes ahead", headers(now + 360, SignedSlackRequests.sign(BbSlack.SIGNING_SECRET, now + 360, body)));
            forgeries.put("no X-Slack-Signature nor X-Slack-Request-Timestamp", Map.of());
            forgeries.put("timestamp but no signature", Map.of("X-Slack-Request-Timestamp", Long.toString(now)));
            for (Map.Entry<String, Map<String, String>> f : forgeries.entrySet()) {
                HttpResponse<String> r = bot.post("/slack/events", type, body, f.getValue());
                if (r.statusCode() != 401 || r.body().contains("forgedchallenge")) {
                    wrong.add(k.getKey() + ", " + f.getKey() + ": " + r.statusCode() + " " + r.body());
                }
            }
        }
        barrier();
        assertTrue(wrong.isEmpty(), "forged requests must get 401 and nothing else:\n  " + String.join("\n  ", wrong));
        assertTrue(slack.channels.values().stream().noneMatch(c -> c.name.contains("forgedslash")), "a forged command made a channel:\n" + seen());
        assertEquals(viewsBefore, slack.views.size(), "a forged click opened a form:\n" + seen());
        assertEquals(updatesBefore, slack.calls("chat.update").size(), "a forged click edited a message:\n" + seen());
        assertTrue(slack.privateAnswersTo(BOB).stream().noneMatch(a -> a.toLowerCase().contains("forgedslash")), "bob was answered about a forged command");
    }

    /**
     * https://api.slack.com/events/url_verification : "verify the request's authenticity and then
     * respond in plaintext with the challenge attribute value" ({@code Content-type: text/plain}),
     * or {@code application/x-www-form-urlencoded} {@code challenge=…}, "Or even JSON"
     * {@code {"challenge":"…"}}; HTTP 200, quickly (https://api.slack.com/apis/connections/events-api#responding :
     * within three seconds).
     */
    @Test
    void urlVerificationIsAnsweredWithTheChallenge() throws Exception {
        String challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"" + challenge + "\",\"type\":\"url_verification\"}";
        Timed r = timed(() -> bot.post("/slack/events", "application/json", body, BbSlack.signed(body)));
        assertEquals(200, r.response.statusCode(), "url_verification: " + r);
        assertTrue(r.took.compareTo(SLACK_WAITS) < 0, "url_verification answered in " + r.took.toMillis() + " ms");
        String type = r.response.headers().firstValue("Content-Type").orElse("").toLowerCase();
        String text = r.response.body().strip();
        boolean plain = type.startsWith("text/plain") && text.equals(challenge);
        boolean form = type.startsWith("application/x-www-form-urlencoded") && text.equals("challenge=" + challenge);
        boolean json = type.startsWith("application/json") && parsesTo(text, challenge);
        assertTrue(plain || form || json, "the challenge in one of the three shapes Slack takes; got Content-Type '" + type + "', body '" + text + "'");
    }

    /**
     * https://api.slack.com/apis/connections/events-api#retries : a delivery Slack thinks failed is
     * sent again with {@code X-Slack-Retry-Num} and {@code X-Slack-Retry-Reason}, the same payload.
     * For a slash command the same form (same trigger_id): it must declare one incident, and the
     * fake Slack must see one conversations.create. Both deliveries are acknowledged in time.
     */
    @Test
    void retriedSlashCommandDeclaresOneIncident() throws Exception {
        String word = "Retriedstart";
        String body = slashBody(ALICE, "alice", GENERAL, "start " + word + " payments down sev1", slack.newResponseUrl(ALICE), trigger());
        List<Timed> acks = new ArrayList<>();
        acks.add(timed(() -> bot.post("/slack/events", "application/x-www-form-urlencoded", body, BbSlack.signed(body))));
        acks.add(timed(() -> bot.post("/slack/events", "application/x-www-form-urlencoded", body, retry(BbSlack.signed(body), 1, "http_timeout"))));
        acks.add(timed(() -> bot.post("/slack/events", "application/x-www-form-urlencoded", body, retry(BbSlack.signed(body), 2, "http_error"))));
        for (Timed a : acks) {
            assertEquals(200, a.response.statusCode(), "every delivery acknowledged: " + a);
            assertTrue(a.took.compareTo(SLACK_WAITS) < 0, "every delivery acknowledged within 3000 ms: " + a.took.toMillis());
            assertAckShape(a.response, "a delivery of a retried command");
        }
        BbSlackFake.Channel channel = channelFor(word);
        barrier();
        assertEquals(1, creates(word).size(), "three deliveries of one command, one conversations.create:\n" + seen());
        assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> c.ok() && c.p("channel").equals(BROADCAST)
                && (c.p("text") + c.p("blocks")).contains(channel.id)).count(), "one announcement:\n" + seen());
    }

    /**
     * https://api.slack.com/interactivity/handling#acknowledgment_response : an interaction payload
     * is acknowledged with 200 within 3 seconds; Slack redelivers one it got no answer to (same
     * payload: same action_ts and trigger_id). A retried *Post update* click opens one form.
     */
    @Test
    void retriedClickIsDoneOnce() throws Exception {
        BbSlackFake.Message kickoff = kickoff("Retriedclick", "retriedclick");
        int before = slack.views.size();
        String click = "payload=" + BbSlack.enc(BbSlack.blockActions(slack, ALICE, "alice", kickoff, button(kickoff, "post update")));
        Timed first = timed(() -> bot.post("/slack/events", "application/x-www-form-urlencoded", click, BbSlack.signed(click)));
        Timed again = timed(() -> bot.post("/slack/events", "application/x-www-form-urlencoded", click, retry(BbSlack.signed(click), 1, "http_timeout")));
        for (Timed t : List.of(first, again)) {
            assertEquals(200, t.response.statusCode(), "click acknowledged: " + t);
            assertTrue(t.took.compareTo(SLACK_WAITS) < 0, "click acknowledged within 3000 ms: " + t.took.toMillis());
        }
        BbWait.untilTrue("the update form opened", WAIT, () -> slack.views.size() > before, this::seen);
        barrier();
        assertEquals(before + 1, slack.views.size(), "a click and its redelivery open one form:\n" + seen());
    }

    /**
     * https://api.slack.com/apis/connections/events-api#responding : "respond ... with HTTP 200 OK"
     * within three seconds; "#retries": the same event (same event_id) again with X-Slack-Retry-Num.
     * A 📌 reaction (README: sitrep.slack.timeline-emoji, pushpin) delivered twice is on the timeline
     * once — seen in the postmortem the resolve files to sitrep.postmortem.dir.
     */
    @Test
    void retriedEventIsTakenOnce() throws Exception {
        BbSlackFake.Message kickoff = kickoff("Retriedevent", "retriedevent");
        // A person's message in the incident channel, then bob's 📌 on it.
        String ts = "1764650999.000777";
        String said = "Bbcheck customers in EU see 502 since 10:40";
        slack.messages.add(new BbSlackFake.Message(kickoff.channel(), ts, ALICE, said, null));
        String event = event("Ev0RETRIED1", reaction(kickoff.channel(), ts, BOB));
        Timed first = timed(() -> bot.post("/slack/events", "application/json", event, BbSlack.signed(event)));
        Timed again = timed(() -> bot.post("/slack/events", "application/json", event, retry(BbSlack.signed(event), 1, "http_timeout")));
        for (Timed t : List.of(first, again)) {
            assertEquals(200, t.response.statusCode(), "event acknowledged: " + t);
            assertTrue(t.took.compareTo(SLACK_WAITS) < 0, "event acknowledged within 3000 ms: " + t.took.toMillis());
        }
        HttpResponse<String> resolve = BbSlack.slash(bot, slack, ALICE, "alice", kickoff.channel(), "resolve Bbcheck rolled back");
        assertEquals(200, resolve.statusCode());
        Path filed = BbWait.until("the postmortem of *retriedevent* in " + postmortems, WAIT, () -> {
            try (Stream<Path> files = Files.list(postmortems)) {
                return files.filter(p -> p.getFileName().toString().toLowerCase().contains("retriedevent")).findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }, this::seen);
        String text = BbWait.until("the postmortem written", WAIT, () -> {
            try {
                String s = Files.readString(filed);
                return s.toLowerCase().contains("rolled back") ? Optional.of(s) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }, this::seen);
        List<String> pinned = text.lines().filter(l -> l.contains(ts) || l.contains("customers in EU")).toList();
        assertEquals(1, pinned.size(), "the 📌 delivered twice is on the timeline once; postmortem:\n" + text);
    }

    /**
     * https://api.slack.com/events/app_rate_limited : {@code {"token","type":"app_rate_limited",
     * "team_id","minute_rate_limited","api_app_id"}}, no outer event_callback; "This event does not
     * require a specific OAuth scope or subscription. You'll automatically receive it when your
     * app's event subscriptions are rate limited or disabled. Event subscriptions may be limited and
     * disabled when your app does not respond with a HTTP 200 OK to at 5% of event deliveries in the
     * past 60 minutes." Slack sends it to the Request URL, signed like every request; it must get 2xx in 3 s.
     */
    @Test
    void appRateLimitedEventIsAcknowledged() throws Exception {
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"type\":\"app_rate_limited\",\"team_id\":\""
                + BbSlackFake.TEAM + "\",\"minute_rate_limited\":" + (System.currentTimeMillis() / 60_000 * 60) + ",\"api_app_id\":\"ABBCHECK01\"}";
        Timed t = timed(() -> bot.post("/slack/events", "application/json", body, BbSlack.signed(body)));
        assertEquals(2, t.response.statusCode() / 100, "app_rate_limited must get 2xx: " + t);
        assertTrue(t.took.compareTo(SLACK_WAITS) < 0, "within 3 s: " + t);
    }

    /**
     * https://api.slack.com/apis/connections/events-api#responding : "Your app should respond to the
     * event request with an HTTP 2xx within three seconds"; failed deliveries are retried and, past
     * the failure rate above, subscriptions disabled. An event_callback whose inner type sitrep has
     * no use for (an operator who subscribed the app to one more event than the manifest lists)
     * is still a delivery Slack counts.
     */
    @Test
    void eventOfATypeSitrepDoesNotHandleIsStillAcknowledged() throws Exception {
        String body = event("EvUNKNOWN01", "{\"type\":\"channel_rename\",\"channel\":{\"id\":\"" + GENERAL
                + "\",\"name\":\"general-renamed\",\"created\":1360782804},\"event_ts\":\"" + System.currentTimeMillis() / 1000 + ".000100\"}");
        Timed t = timed(() -> bot.post("/slack/events", "application/json", body, BbSlack.signed(body)));
        assertEquals(2, t.response.statusCode() / 100, "an event sitrep ignores must still get 2xx: " + t);
        assertTrue(t.took.compareTo(SLACK_WAITS) < 0, "within 3 s: " + t);
    }

    // ================================================================== 2. what Slack's Web API answers

    /**
     * https://api.slack.com/methods/chat.postMessage#errors : {@code channel_not_found} "Value
     * passed for channel was invalid." (here: the broadcast channel was deleted). README: "When a
     * step fails for good ... the caller is told privately what failed and what to do; the incident
     * stays recorded and running the same /incident start again finishes it."
     */
    @Test
    void channelNotFoundIsToldPrivatelyAndTheIncidentIsKept() throws Exception {
        String word = "Lostbroadcast";
        faults.refuse("chat.postMessage", Integer.MAX_VALUE, (m, p) -> p.getOrDefault("channel", "").equals(BROADCAST)
                && (p.getOrDefault("text", "") + p.getOrDefault("blocks", "")).toLowerCase().contains(word.toLowerCase()), "channel_not_found");
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + word + " search down sev2").statusCode());
        BbSlackFake.Channel channel = channelFor(word);
        BbWait.untilTrue("Slack answered channel_not_found to the announcement", WAIT,
                () -> faults.calls("chat.postMessage").stream().anyMatch(c -> c.error().equals("channel_not_found")), this::seen);
        String told = BbWait.until("alice told privately that the announcement's channel was not found", WAIT,
                () -> privateAbout(word, channel).stream().map(SlackDeliveryAndWebApiAnswersContractIT::visible).filter(a -> a.matches("(?is).*(channel_not_found|not found|does not exist|no such channel|deleted|archived).*")).findFirst(),
                this::seen);
        assertFalse(STACK.matcher(told).find(), "a clear answer, no program internals: " + told);

        faults.heal();
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + word + " search down sev2").statusCode());
        BbWait.untilTrue("running the same /incident start again finishes it: the announcement posted", WAIT,
                () -> slack.messagesIn(BROADCAST).stream().anyMatch(m -> m.all().toLowerCase().contains(word.toLowerCase())), this::seen);
        barrier();
        assertEquals(1, creates(word).stream().filter(BbSlackFaults.Seen::ok).count(), "still one incident channel:\n" + seen());
    }

    /**
     * https://api.slack.com/docs/rate-limits : "HTTP 429 Too Many Requests ... and a Retry-After
     * header containing the number of seconds until you can retry" (body {"ok":false,"error":"ratelimited"}).
     * sitrep must not call again before then (per method; chat.postMessage per channel), and the
     * command is not failed by it (README "Bursts"): the channel is made, the incident announced,
     * the user told — on channel creation, on the announcement, and on the user's private answer.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations.create", "chat.postMessage", "chat.postEphemeral"})
    void rateLimitedCallWaitsRetryAfterAndTheCommandStillGoesThrough(String method) throws Exception {
        String word = "Ratelimited" + switch (method) {
            case "conversations.create" -> "create";
            case "chat.postMessage" -> "announce";
            default -> "answer";
        };
        int seconds = 3;
        BiPredicate<String, Map<String, String>> which = switch (method) {
            case "conversations.create" -> (m, p) -> p.getOrDefault("name", "").contains(word.toLowerCase());
            case "chat.postMessage" -> (m, p) -> p.getOrDefault("channel", "").equals(BROADCAST)
                    && p.getOrDefault("text", "").toLowerCase().contains(word.toLowerCase());
            default -> (m, p) -> p.getOrDefault("user", "").equals(ALICE);
        };
        faults.rateLimit(method, 1, seconds, which);
        int before = faults.seen.size();
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + word + " login slow sev3").statusCode());
        BbSlackFake.Channel channel = channelFor(word);
        BbWait.untilTrue("announced, and alice told where her incident is", WAIT,
                () -> slack.messagesIn(BROADCAST).stream().anyMatch(m -> m.all().contains(channel.id))
                        && privateAbout(word, channel).stream().anyMatch(a -> a.contains(channel.id) || a.contains(channel.name)),
                this::seen);
        // The fake records a call before this front records its answer: wait for the front's record.
        java.util.function.Supplier<List<BbSlackFaults.Seen>> tries = () -> faults.seen.subList(before, faults.seen.size()).stream()
                .filter(s -> s.method().equals(method) && which.test(method, s.params())).toList();
        BbSlackFaults.Seen limited = tries.get().stream().filter(s -> s.status() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 was answered:\n" + seen()));
        // The same call again (same text to the same place) once the wait is over.
        java.util.function.Predicate<BbSlackFaults.Seen> again = s -> s.ok() && s.atNanos() > limited.atNanos()
                && s.p("channel").equals(limited.p("channel")) && s.p("text").equals(limited.p("text"));
        BbSlackFaults.Seen done = BbWait.until("the rate-limited " + method + " made again", WAIT,
                () -> tries.get().stream().filter(again).findFirst(), this::seen);
        double waited = (done.atNanos() - limited.atNanos()) / 1e9;
        assertTrue(faults.early.isEmpty(), "called again before Retry-After had passed: "
                + faults.early.stream().map(s -> s.method() + " " + s.p("channel") + s.p("name")).toList());
        assertTrue(waited >= seconds, "tried again after " + waited + " s; Retry-After said " + seconds + " s");
        assertEquals(1, tries.get().stream().filter(again).count(), "done once:\n" + seen());
        for (String a : privateAbout(word, channel)) {
            assertFalse(STACK.matcher(a).find(), "no program internals: " + a);
        }
    }

    /**
     * https://api.slack.com/web#authentication , each method's Errors table: {@code not_authed} "No
     * authentication token provided", {@code invalid_auth} "Some aspect of authentication cannot be
     * validated" (a revoked or rotated token), both on HTTP 200 with ok:false. What sitrep says
     * names the error and what to do, without program internals; and once the token works again the
     * same command finishes the same incident (README: "the incident stays recorded and running the
     * same /incident start again finishes it"), nothing lost or doubled.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invalid_auth", "not_authed"})
    void refusedTokenIsNamedAndTheSameStartFinishesTheIncidentLater(String error) throws Exception {
        String word = "Tokenrefused" + error.replace("_", "").substring(0, 5);
        barrier();
        int before = faults.seen.size();
        faults.failEverything(error);
        String body = slashBody(ALICE, "alice", GENERAL, "start " + word + " api gateway 5xx sev2", slack.newResponseUrl(ALICE), trigger());
        HttpResponse<String> ack = bot.post("/slack/events", "application/x-www-form-urlencoded", body, BbSlack.signed(body));
        assertEquals(200, ack.statusCode(), "acknowledged: the signature is checked locally: " + ack.body());
        String said = BbWait.until("sitrep's answer to alice naming " + error + " (it cannot reach her: every call is refused)", WAIT,
                () -> faults.seen.subList(before, faults.seen.size()).stream()
                        .filter(c -> c.method().equals("chat.postEphemeral") && c.p("user").equals(ALICE)
                                || c.method().equals("chat.postMessage") && c.p("channel").equals(ALICE))
                        .map(c -> visible(c.p("text"))).filter(t -> t.contains(error)).findFirst(),
                this::seen);
        assertFalse(STACK.matcher(said).find(), "a clear answer, no program internals: " + said);
        assertTrue(said.matches("(?is).*(SLACK_BOT_TOKEN|token).*"), "says what to do (the token): " + said);
        Matcher recorded = Pattern.compile("INC-(\\d+)").matcher(said);
        assertTrue(recorded.find(), "names the incident it recorded: " + said);

        faults.heal();
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + word + " api gateway 5xx sev2").statusCode());
        BbSlackFake.Channel channel = channelFor(word);
        barrier();
        assertEquals(1, creates(word).stream().filter(BbSlackFaults.Seen::ok).count(), "one channel once the token works:\n" + seen());
        assertTrue(channel.name.startsWith("inc-" + recorded.group(1) + "-"), "the recorded INC-" + recorded.group(1)
                + " was finished, not a new one declared: #" + channel.name);
        assertEquals(1, slack.messagesIn(BROADCAST).stream().filter(m -> m.all().contains(channel.id)).count(), "one announcement:\n" + seen());
    }

    /**
     * The same refused token, seen by the user. https://api.slack.com/interactivity/handling#message_responses :
     * the response_url of the command "can be used to send messages ... up to 5 times within 30
     * minutes" and needs no token; chat.postEphemeral and chat.postMessage use the bot token Slack
     * just refused. The brief: "never ... silence".
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invalid_auth", "not_authed"})
    void refusedTokenIsToldToTheUserByResponseUrl(String error) throws Exception {
        String word = "Tokensilent" + error.replace("_", "").substring(0, 5);
        barrier();
        faults.failEverything(error);
        String responseUrl = slack.newResponseUrl(ALICE);
        String body = slashBody(ALICE, "alice", GENERAL, "start " + word + " api gateway 5xx sev2", responseUrl, trigger());
        assertEquals(200, bot.post("/slack/events", "application/x-www-form-urlencoded", body, BbSlack.signed(body)).statusCode());
        String told = BbWait.until("alice told by response_url (every Web API call is refused) that Slack refused sitrep's token", WAIT,
                () -> responseUrlPosts(responseUrl).stream().map(SlackDeliveryAndWebApiAnswersContractIT::visible)
                        .filter(a -> a.contains(error) || a.matches("(?is).*token.*")).findFirst(),
                this::seen);
        assertFalse(STACK.matcher(told).find(), "a clear answer, no program internals: " + told);
    }

    /**
     * https://api.slack.com/web#responses : answers carry "Other properties ... defined in the
     * documentation for the relevant method", and Slack adds properties over time (e.g. the
     * response_metadata of https://api.slack.com/changelog/2016-09-28-response-metadata-is-on-the-way):
     * fields sitrep does not know, at any depth and of any type, change nothing.
     */
    @Test
    void unknownFieldsInOkAnswersAreIgnored() throws Exception {
        faults.addUnknownFields(true);
        declaresNormally("Unknownfields");
    }

    /**
     * https://api.slack.com/web#responses : "In the case of problematic calls that could still be
     * completed successfully, ok will be true and the warning property will contain a short
     * machine-readable warning code (or comma-separated list of them)"; the same warnings in
     * response_metadata.warnings and "[WARN] …" in response_metadata.messages. A warning is no failure.
     */
    @Test
    void warningsInOkAnswersAreNoFailure() throws Exception {
        faults.addWarnings(true);
        declaresNormally("Warnedcalls");
    }

    /**
     * https://api.slack.com/methods/conversations.create#errors : {@code name_taken} "A channel
     * cannot be created with the given name." README: "name_taken → another name". The incident gets
     * a channel under another name, and the user is pointed at that one — also when the next
     * names are taken too (earlier incidents of the same title, channels people made by hand).
     */
    @ParameterizedTest(name = "{0} name(s) taken")
    @ValueSource(ints = {1, 2})
    void nameTakenGivesTheIncidentAnotherChannel(int taken) throws Exception {
        String word = "Takenname" + "xyz".charAt(taken % 3);
        faults.refuse("conversations.create", taken, (m, p) -> p.getOrDefault("name", "").contains(word.toLowerCase()), "name_taken");
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + word + " cart empty sev2").statusCode());
        BbWait.until("Slack answered name_taken", CHANNEL_WAIT,
                () -> creates(word).stream().filter(s -> s.error().equals("name_taken")).findFirst(), this::seen);
        BbSlackFaults.Seen made = BbWait.until("a channel made under another name", CHANNEL_WAIT,
                () -> creates(word).stream().filter(BbSlackFaults.Seen::ok).findFirst(), this::seen);
        String name = made.p("name");
        List<String> refused = creates(word).stream().filter(s -> s.error().equals("name_taken")).map(s -> s.p("name")).toList();
        assertEquals(taken, refused.size(), "each taken name tried once: " + refused);
        assertEquals(taken, refused.stream().distinct().count(), "never the same taken name twice: " + refused);
        assertFalse(refused.contains(name), "another name than the taken " + refused);
        BbSlackFake.Channel channel = slack.channels.values().stream().filter(c -> c.name.equals(name) && !c.id.startsWith("C0TAKEN"))
                .findFirst().orElseThrow();
        BbWait.untilTrue("alice pointed at the channel that was made", WAIT,
                () -> privateAbout(word, channel).stream().anyMatch(a -> a.contains(channel.id) || a.contains(channel.name)), this::seen);
        BbWait.untilTrue("the announcement links the channel that was made", WAIT,
                () -> slack.messagesIn(BROADCAST).stream().anyMatch(m -> m.all().contains(channel.id)), this::seen);
        assertTrue(slack.messagesIn(BROADCAST).stream().noneMatch(m -> m.all().contains("C0TAKEN")), "nothing points at the taken channel");
    }

    // ------------------------------------------------------------------ helpers

    /** A full /incident start goes through as if nothing were special: channel, topic, kick-off pinned, announced, told. */
    private void declaresNormally(String word) throws Exception {
        String responseUrl = slack.newResponseUrl(ALICE);
        String body = slashBody(ALICE, "alice", GENERAL, "start " + word + " queue backlog sev2", responseUrl, trigger());
        HttpResponse<String> ack = bot.post("/slack/events", "application/x-www-form-urlencoded", body, BbSlack.signed(body));
        assertEquals(200, ack.statusCode());
        BbSlackFake.Channel channel = channelFor(word);
        BbWait.untilTrue("topic set, kick-off pinned, announced, alice invited and told", WAIT,
                () -> !channel.topic.isEmpty() && !slack.pins.getOrDefault(channel.id, java.util.Set.of()).isEmpty()
                        && slack.messagesIn(BROADCAST).stream().anyMatch(m -> m.all().contains(channel.id))
                        && channel.members.contains(ALICE)
                        && privateAbout(word, channel).stream().anyMatch(a -> a.contains(channel.id) || a.contains(channel.name)),
                this::seen);
        List<String> answers = privateAbout(word, channel);
        answers.addAll(responseUrlPosts(responseUrl));
        for (String a : answers) {
            assertFalse(STACK.matcher(a).find() || FAILURE.matcher(a.replaceAll("(?i)" + word + "[^\"]*", "")).find(),
                    "a command that went through is not told it failed: " + a);
        }
        assertTrue(bot.logText().lines().noneMatch(l -> l.contains(word) && l.contains(" ERROR ")), "no ERROR about it in the log");
    }

    /** https://api.slack.com/interactivity/slash-commands : 200 with an empty body, or a JSON message only the user sees. */
    private static void assertAckShape(HttpResponse<String> r, String what) {
        String body = r.body() == null ? "" : r.body().strip();
        if (body.isEmpty()) {
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("").toLowerCase();
        assertTrue(type.startsWith("application/json"), what + ": a message body must be JSON with Content-Type application/json; got '"
                + type + "': " + body);
        JsonObject msg = JsonParser.parseString(body).getAsJsonObject();
        assertTrue(msg.has("text") || msg.has("blocks"), what + ": a message has text or blocks: " + body);
        String visibility = msg.has("response_type") ? msg.get("response_type").getAsString() : "ephemeral";
        assertEquals("ephemeral", visibility, what + ": only the user sees the acknowledgement: " + body);
        if (msg.has("blocks")) {
            String why = BbSlackFake.BlockRules.check(msg.getAsJsonArray("blocks"));
            assertTrue(why == null, what + ": blocks Slack refuses (" + why + "): " + body);
        }
        assertFalse(STACK.matcher(body).find(), what + ": no program internals: " + body);
    }

    private static boolean parsesTo(String json, String challenge) {
        try {
            JsonElement e = JsonParser.parseString(json);
            return e.isJsonObject() && challenge.equals(e.getAsJsonObject().get("challenge").getAsString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private BbSlackFake.Message kickoff(String title, String slug) throws Exception {
        assertEquals(200, BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start " + title + " sev3").statusCode());
        return BbWait.until("the kick-off with buttons in *" + slug + "*", CHANNEL_WAIT, () -> slack.channels.values().stream()
                        .filter(c -> c.name.contains(slug)).flatMap(c -> slack.messagesIn(c.id).stream())
                        .filter(m -> !BbSlackFake.buttons(m).isEmpty()).findFirst(),
                this::seen);
    }

    private static JsonObject button(BbSlackFake.Message m, String word) {
        return BbSlackFake.buttons(m).stream().filter(b -> BbSlackFake.buttonText(b).toLowerCase().contains(word)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + word + "' button on " + m.all()));
    }

    private BbSlackFake.Channel channelFor(String word) {
        String w = word.toLowerCase();
        return BbWait.until("an incident channel for *" + w + "*", CHANNEL_WAIT,
                () -> slack.channels.values().stream().filter(c -> c.name.contains(w) && !c.id.startsWith("C0TAKEN")).findFirst(), this::seen);
    }

    private List<BbSlackFaults.Seen> creates(String word) {
        return faults.calls("conversations.create").stream().filter(s -> s.p("name").contains(word.toLowerCase())).toList();
    }

    /** What alice was told privately about this incident (ephemerals in any channel, response_url posts). */
    private List<String> privateAbout(String word, BbSlackFake.Channel channel) {
        return new ArrayList<>(Stream.concat(slack.privateAnswersTo(ALICE).stream(), faults.dms(ALICE).stream())
                .filter(a -> a.toLowerCase().contains(word.toLowerCase()) || (channel != null && (a.contains(channel.id) || a.contains(channel.name))))
                .toList());
    }

    /** Text as a person reads it: Slack shows no zero width space (sitrep puts them in to keep _ * ~ ` from formatting). */
    private static String visible(String s) {
        return s.replace("\u200B", "");
    }

    private List<String> responseUrlPosts(String url) {
        String path = url.substring(url.indexOf("/response/"));
        return slack.responseUrlPosts.stream().filter(r -> path.equals(r.get("_url").getAsString())).map(JsonObject::toString)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * A validly signed {@code /incident help} by bob in #general, run to its private answer: commands
     * from one channel run in the order they were typed (README "What sitrep does about Slack's
     * rules"), so what was delivered there before it has been done (or dropped) by then. Help makes
     * no channel, so it does not spend Slack's Tier 2 budget of conversations.create.
     */
    private void barrier() throws Exception {
        int before = slack.privateAnswersTo(BOB).size() + faults.dms(BOB).size();
        assertEquals(200, BbSlack.slash(bot, slack, BOB, "bob", GENERAL, "help").statusCode());
        BbWait.untilTrue("bob's /incident help answered (barrier " + barriers.incrementAndGet() + ")", WAIT,
                () -> slack.privateAnswersTo(BOB).size() + faults.dms(BOB).size() > before, this::seen);
    }

    private static String slashBody(String user, String name, String channel, String text, String responseUrl, String trigger) {
        return SignedSlackRequests.form(SignedSlackRequests.slashCommandFields(new SignedSlackRequests.Typist(
                BbSlackFake.TEAM, "bbcheck", "ABBCHECK01", user, name, channel, channel.equals(GENERAL) ? "general" : channel),
                text, responseUrl, trigger));
    }

    private static final AtomicInteger TRIGGERS = new AtomicInteger();

    private static String trigger() {
        return (7_000_000 + TRIGGERS.incrementAndGet()) + ".98765432100.bbanswers" + TRIGGERS.get();
    }

    private static Map<String, String> headers(long ts, String signature) {
        return Map.of("X-Slack-Request-Timestamp", Long.toString(ts), "X-Slack-Signature", signature);
    }

    private static Map<String, String> retry(Map<String, String> signed, int num, String reason) {
        Map<String, String> h = new LinkedHashMap<>(signed);
        h.put("X-Slack-Retry-Num", Integer.toString(num));
        h.put("X-Slack-Retry-Reason", reason);
        return h;
    }

    /** https://api.slack.com/apis/connections/events-api#callback-field : the outer event_callback envelope. */
    private static String event(String eventId, String inner) {
        return "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"team_id\":\"" + BbSlackFake.TEAM + "\",\"api_app_id\":\"ABBCHECK01\","
                + "\"event\":" + inner + ",\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":"
                + System.currentTimeMillis() / 1000 + ",\"authorizations\":[{\"enterprise_id\":null,\"team_id\":\"" + BbSlackFake.TEAM
                + "\",\"user_id\":\"" + BbSlackFake.BOT_USER + "\",\"is_bot\":true,\"is_enterprise_install\":false}],"
                + "\"is_ext_shared_channel\":false,\"event_context\":\"4-bbcheck" + eventId + "\"}";
    }

    /** https://api.slack.com/events/reaction_added : user, reaction, item_user, item {type message, channel, ts}, event_ts. */
    private static String reaction(String channel, String ts, String user) {
        return "{\"type\":\"reaction_added\",\"user\":\"" + user + "\",\"reaction\":\"pushpin\",\"item_user\":\"" + ALICE
                + "\",\"item\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"},\"event_ts\":\""
                + System.currentTimeMillis() / 1000 + ".000400\"}";
    }

    private String seen() {
        return "--- Web API (through the faults) ---\n" + faults.dump() + "\n--- response_url ---\n"
                + slack.responseUrlPosts.stream().map(JsonObject::toString).collect(Collectors.joining("\n"))
                + "\n--- bot log ---\n" + bot.logTail();
    }

    private record Timed(HttpResponse<String> response, Duration took) {
        @Override
        public String toString() {
            return response.statusCode() + " in " + took.toMillis() + " ms, Content-Type "
                    + response.headers().firstValue("Content-Type").orElse("-") + ": " + response.body();
        }
    }

    private interface Send {
        HttpResponse<String> send() throws IOException;
    }

    private static Timed timed(Send s) throws IOException {
        long t0 = System.nanoTime();
        HttpResponse<String> r = s.send();
        return new Timed(r, Duration.ofNanos(System.nanoTime() - t0));
    }
}
