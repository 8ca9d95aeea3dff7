package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * WireMock standing in for Slack's Web API at http://127.0.0.1:PORT/api/. Every call first passes
 * {@link SlackContract}: what Slack refuses is refused here too, whatever a test stubbed.
 */
public final class FakeSlackApi implements AutoCloseable {

    final WireMockServer server;
    private final SlackTierLimits tierLimits = new SlackTierLimits();
    private final SlackContract contract = new SlackContract();
    private final SlackRetryAfter retryAfter = new SlackRetryAfter();

    {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(tierLimits, retryAfter, new SlackHistory(contract), contract));
    }

    public FakeSlackApi() {
        server.start();
        // Anything not stubbed below answers ok, as Slack does for the calls whose answer we ignore.
        server.stubFor(post(urlPathMatching("/api/.*")).atPriority(10).willReturn(okJson("{\"ok\":true}")));
        server.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(okJson(
                "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"acme\",\"user\":\"sitrep\","
                        + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"B1\"}")));
        server.stubFor(post(urlEqualTo("/api/conversations.history")).willReturn(
                aResponse().withTransformers(SlackHistory.NAME)));
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true}")
                .withTransformerParameter(SlackContract.ECHO, true)));
        // https://api.slack.com/methods/chat.postEphemeral#examples
        server.stubFor(post(urlEqualTo("/api/chat.postEphemeral")).willReturn(okJson(
                "{\"ok\":true,\"message_ts\":\"1700000000.000200\"}")));
        server.stubFor(post(urlEqualTo("/api/users.info")).atPriority(5).willReturn(okJson(
                "{\"ok\":false,\"error\":\"user_not_found\"}")));
        // files.uploadV2 is three calls: an upload URL, the upload itself, then completing it into a channel.
        server.stubFor(post(urlEqualTo("/api/files.getUploadURLExternal")).willReturn(okJson(
                "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:" + server.port() + "/upload/F1\",\"file_id\":\"F1\"}")));
        server.stubFor(post(urlEqualTo("/upload/F1")).willReturn(aResponse().withStatus(200).withBody("OK - 1")));
        server.stubFor(post(urlEqualTo("/api/files.completeUploadExternal")).willReturn(okJson(
                "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"Postmortem\"}]}")));
        server.stubFor(post(urlEqualTo("/api/files.info")).willReturn(okJson(
                "{\"ok\":true,\"file\":{\"id\":\"F1\",\"name\":\"postmortem.md\",\"title\":\"Postmortem\"}}")));
        // https://api.slack.com/methods/usergroups.users.list#errors: a group the workspace does not have.
        server.stubFor(post(urlEqualTo("/api/usergroups.users.list")).atPriority(5).willReturn(okJson(
                "{\"ok\":false,\"error\":\"no_such_subteam\"}")));
        user("U1", "alice");
        user("U2", "bob");
        user("U3", "carol");
    }

    void user(String id, String name) {
        server.stubFor(post(urlEqualTo("/api/users.info")).atPriority(1).withRequestBody(containing("user=" + id))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + name
                        + "\",\"real_name\":\"" + name + "\",\"deleted\":false,\"profile\":{\"display_name\":\""
                        + name + "\"}}}")));
    }

    /**
     * The workspace's channels as conversations.list answers them, {@code perPage} to a page with
     * {@code response_metadata.next_cursor} naming the next (empty on the last):
     * https://api.slack.com/methods/conversations.list#examples, https://api.slack.com/docs/pagination.
     * {@code idsAndNames}: id, name, id, name…
     */
    public void channels(int perPage, String... idsAndNames) {
        int count = idsAndNames.length / 2;
        for (int start = 0, page = 0; start < count || page == 0; start += perPage, page++) {
            StringBuilder list = new StringBuilder();
            for (int i = start; i < Math.min(count, start + perPage); i++) {
                list.append(list.length() == 0 ? "" : ",").append("{\"id\":\"").append(idsAndNames[2 * i])
                        .append("\",\"name\":\"").append(idsAndNames[2 * i + 1])
                        .append("\",\"is_channel\":true,\"is_archived\":false,\"is_private\":false}");
            }
            String next = start + perPage < count ? "page" + (page + 1) : "";
            var request = post(urlEqualTo("/api/conversations.list")).atPriority(page == 0 ? 4 : 3);
            if (page > 0) {
                request = request.withRequestBody(containing("cursor=page" + page));
            }
            server.stubFor(request.willReturn(okJson("{\"ok\":true,\"channels\":[" + list
                    + "],\"response_metadata\":{\"next_cursor\":\"" + next + "\"}}")));
        }
    }

    /** A user group and its members, as usergroups.users.list answers: https://api.slack.com/methods/usergroups.users.list#examples */
    public void userGroup(String id, String... members) {
        server.stubFor(post(urlEqualTo("/api/usergroups.users.list")).atPriority(1)
                .withRequestBody(containing("usergroup=" + id))
                .willReturn(okJson("{\"ok\":true,\"users\":[" + String.join(",", java.util.Arrays.stream(members)
                        .map(m -> "\"" + m + "\"").toList()) + "]}")));
    }

    /** conversations.create answers with a conversation object: https://api.slack.com/methods/conversations.create#examples */
    public void channelCreated(String id, String name) {
        server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(3)
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"" + id + "\",\"name\":\"" + name
                        + "\",\"is_channel\":true,\"is_group\":false,\"is_im\":false,\"is_mpim\":false,"
                        + "\"is_private\":false,\"created\":1700000000,\"is_archived\":false,\"is_general\":false,"
                        + "\"name_normalized\":\"" + name + "\",\"is_member\":true,\"creator\":\"UBOT\","
                        + "\"topic\":{\"value\":\"\",\"creator\":\"\",\"last_set\":0},"
                        + "\"purpose\":{\"value\":\"\",\"creator\":\"\",\"last_set\":0}}}")));
    }

    /**
     * The next calls to {@code method} fail with {@code error}, which must be one Slack documents for
     * that method (e.g. not_in_channel, channel_not_found, name_taken).
     */
    public void refuse(String method, String error) {
        if (!DOCUMENTED_ERRORS.getOrDefault(method, List.of()).contains(error)) {
            throw new IllegalArgumentException("Slack does not document " + error + " for " + method);
        }
        server.stubFor(post(urlEqualTo("/api/" + method)).atPriority(2)
                .willReturn(okJson("{\"ok\":false,\"error\":\"" + error + "\"}")));
    }

    /** From each method's Errors section, https://api.slack.com/methods/<method>#errors (the ones sitrep meets). */
    private static final Map<String, List<String>> DOCUMENTED_ERRORS = Map.of(
            "chat.postMessage", List.of("channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text",
                    "invalid_blocks", "invalid_blocks_format", "invalid_auth", "not_authed", "ratelimited"),
            "chat.postEphemeral", List.of("channel_not_found", "not_in_channel", "user_not_in_channel", "is_archived",
                    "msg_too_long", "no_text", "invalid_auth", "not_authed"),
            "conversations.create", List.of("name_taken", "invalid_name", "invalid_name_maxlength",
                    "invalid_name_punctuation", "invalid_name_required", "invalid_name_specials", "restricted_action",
                    "missing_scope", "invalid_auth", "not_authed"),
            "conversations.invite", List.of("channel_not_found", "not_in_channel", "already_in_channel",
                    "cant_invite_self", "user_not_found", "is_archived", "invalid_auth", "not_authed"),
            "usergroups.users.list", List.of("no_such_subteam", "plan_upgrade_required", "missing_scope",
                    "invalid_auth", "not_authed"),
            "pins.add", List.of("channel_not_found", "not_in_channel", "already_pinned", "message_not_found",
                    "invalid_auth", "not_authed"));

    /** From now on every call is held to Slack's published rate limits ({@link SlackTierLimits}). */
    public void enforceTierLimits() {
        tierLimits.enforce();
    }

    /**
     * {@code method}'s next call is answered 429 with {@code Retry-After: seconds}, and so is every call
     * to it before those seconds have passed ({@link SlackRetryAfter}); {@link #earlyCalls} counts those.
     */
    void rateLimitNext(String method, int seconds) {
        retryAfter.arm(method, seconds);
    }

    void stopRateLimiting(String method) {
        retryAfter.disarm(method);
    }

    /** Calls to {@code method} that did not wait out the Retry-After of {@link #rateLimitNext}. */
    int earlyCalls(String method) {
        return retryAfter.earlyCalls(method);
    }

    /** How many calls the tier limits answered with 429. */
    public long rateLimited() {
        return tierLimits.refused();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    /** The form fields of every call to a method, in order. */
    public List<Map<String, String>> calls(String method) {
        return server.findAll(postRequestedFor(urlEqualTo("/api/" + method))).stream().map(FakeSlackApi::form).toList();
    }

    /** The Web API methods called so far, in order (one entry per call). */
    public List<String> methodsCalled() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest().getUrl())
                .map(url -> url.replaceFirst("^/api/", "").replaceFirst("\\?.*$", "")).toList();
    }

    public List<LoggedRequest> requests(String method) {
        return server.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    }

    /** All chat.postMessage calls to one channel, as their text. */
    public List<String> messagesTo(String channel) {
        return calls("chat.postMessage").stream().filter(f -> channel.equals(f.get("channel")))
                .map(f -> f.get("text")).toList();
    }

    public static Map<String, String> form(LoggedRequest request) {
        return form(request.getBodyAsString());
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    public void reset() {
        server.resetRequests();
    }

    /** Stops; a message sent with blocks but no text fallback fails the test here (see {@link SlackContract#withoutFallback}). */
    @Override
    public void close() {
        server.stop();
        if (!contract.withoutFallback.isEmpty()) {
            throw new AssertionError("Slack messages with blocks but no text fallback: " + contract.withoutFallback);
        }
    }

    SlackContract contractForTests() {
        return contract;
    }

    /** The blocks of every chat.postMessage call to one channel, as JSON. */
    public List<String> blocksTo(String channel) {
        return calls("chat.postMessage").stream().filter(f -> channel.equals(f.get("channel")))
                .map(f -> f.getOrDefault("blocks", "")).toList();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tooManyRequests(int retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .withBody("{\"ok\":false,\"error\":\"ratelimited\"}");
    }
}
