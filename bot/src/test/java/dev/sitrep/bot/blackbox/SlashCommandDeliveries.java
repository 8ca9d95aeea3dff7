package dev.sitrep.bot.blackbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.sitrep.bot.SitrepApplication;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.SignedSlackRequests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Slash commands delivered to sitrep's Request URL as Slack delivers them, and what the user sees
 * of the answer, for the acknowledgement contract checks. Everything here comes from Slack's pages:
 *
 * <ul>
 *   <li>the payload, https://api.slack.com/interactivity/slash-commands#app_command_handling
 *       (token, team_id, team_domain, channel_id, channel_name, user_id, user_name, command, text,
 *       api_app_id, response_url, trigger_id), form-encoded;</li>
 *   <li>the signature, https://api.slack.com/authentication/verifying-requests-from-slack :
 *       {@code v0=} + hex HMAC-SHA256 of {@code v0:<X-Slack-Request-Timestamp>:<body>} with the
 *       signing secret;</li>
 *   <li>redelivery, https://api.slack.com/apis/events-api#retries : "X-Slack-Retry-Num" (the attempt,
 *       1 to 3) and "X-Slack-Retry-Reason" (e.g. http_timeout, http_error) on a delivery Slack sends
 *       again, with the same payload (so the same trigger_id);</li>
 *   <li>the answer's visibility, https://api.slack.com/interactivity/slash-commands ("Sending an
 *       immediate response", "Message visibility"): the immediate HTTP 200 body is a message; with
 *       {@code "response_type": "in_channel"} everyone in the channel sees it, otherwise
 *       ({@code "ephemeral"}, the default, or plain text) only the user who typed the command.</li>
 * </ul>
 */
final class SlashCommandDeliveries {

    static final String FORM = "application/x-www-form-urlencoded";
    /** https://api.slack.com/interactivity/slash-commands#responding_basic_receipt : "within 3000 ms". */
    static final Duration SLACK_WAITS = Duration.ofSeconds(3);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final AtomicLong TRIGGERS = new AtomicLong(1_000_000);

    private SlashCommandDeliveries() {
    }

    /** One slash command as Slack builds it once; every (re)delivery sends exactly this body. */
    record Command(String text, String triggerId, String responseUrl, String body) {
    }

    /** What sitrep answered to one delivery, and how long the answer took. */
    record Ack(int status, String contentType, String body, Duration took) {
        /** The message the user is shown, and whether only they see it. */
        Visible visible() {
            if (body == null || body.isBlank()) {
                return new Visible("", true);
            }
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
                try {
                    JsonElement e = JsonParser.parseString(body);
                    if (e.isJsonObject()) {
                        JsonObject o = e.getAsJsonObject();
                        String type = o.has("response_type") && !o.get("response_type").isJsonNull()
                                ? o.get("response_type").getAsString() : "ephemeral";
                        String text = o.has("text") && !o.get("text").isJsonNull() ? o.get("text").getAsString() : "";
                        if (text.isEmpty() && o.has("blocks")) {
                            text = o.get("blocks").toString();
                        }
                        return new Visible(text, !"in_channel".equals(type));
                    }
                } catch (RuntimeException notJson) {
                    // fall through: shown as plain text
                }
            }
            return new Visible(body, true);
        }

        @Override
        public String toString() {
            return status + " in " + took.toMillis() + " ms [" + contentType + "] " + body;
        }
    }

    record Visible(String text, boolean onlyTheUser) {
    }

    /** alice (U1) in #general (CGENERAL) of the workspace T1 (acme), app A1. */
    private static final SignedSlackRequests.Typist ALICE = new SignedSlackRequests.Typist("T1", "acme", "A1", "U1",
            "alice", "CGENERAL", "general");

    /** The user U1 (alice) types {@code /incident <text>} in #general. */
    static Command command(String text, ResponseUrls responseUrls) {
        String trigger = TRIGGERS.incrementAndGet() + ".42." + Long.toHexString(System.nanoTime());
        String responseUrl = responseUrls.next();
        String body = SignedSlackRequests.form(SignedSlackRequests.slashCommandFields(ALICE, text, responseUrl, trigger));
        return new Command(text, trigger, responseUrl, body);
    }

    /** Delivers {@code body} signed with {@code secret} at {@code timestamp}; retryNum null for the first delivery. */
    static Ack deliver(int port, String body, String secret, long timestamp, Integer retryNum, String retryReason)
            throws IOException, InterruptedException {
        return deliver(port, body, timestamp, SignedSlackRequests.sign(secret, timestamp, body), retryNum, retryReason);
    }

    static Ack deliver(int port, String body, long timestamp, String signature, Integer retryNum, String retryReason)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = SignedSlackRequests.redelivery(SignedSlackRequests.slackPost(
                        URI.create("http://127.0.0.1:" + port + "/slack/events"), body, FORM, timestamp, signature),
                        retryNum, retryReason)
                // Slack gives up after 3 s; the test waits longer so that a late answer is measured, not lost.
                .timeout(Duration.ofSeconds(15));
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Ack(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** sitrep itself, in this JVM, in Slack HTTP mode as the README configures it, against the Slack stand-in. */
    static ConfigurableApplicationContext startReplica(FakeSlackApi slack, String secret, String redisUrl, Path home) {
        return new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.slack.bot-token=xoxb-bbcheck", "--sitrep.slack.signing-secret=" + secret,
                "--sitrep.slack.api-url=" + slack.url(), "--sitrep.slack.broadcast-channel=CBROADCAST",
                "--spring.data.redis.url=" + redisUrl, "--sitrep.postmortem.dir=" + home.resolve("postmortems"));
    }

    static int port(ConfigurableApplicationContext replica) {
        return ((WebServerApplicationContext) replica).getWebServer().getPort();
    }

    static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------ what Slack saw

    private static final Pattern INCIDENT_CHANNEL = Pattern.compile("inc-(\\d+)-");

    /** conversations.create calls whose channel name contains {@code word} (titles are lower-cased into names). */
    static List<Map<String, String>> channelsCreatedFor(FakeSlackApi slack, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return slack.calls("conversations.create").stream().filter(f -> f.getOrDefault("name", "").contains(w)).toList();
    }

    /** The incident number in the name of the one channel made for {@code word}. */
    static Optional<Integer> incidentNumber(FakeSlackApi slack, String word) {
        return channelsCreatedFor(slack, word).stream().map(f -> INCIDENT_CHANNEL.matcher(f.getOrDefault("name", "")))
                .filter(Matcher::find).map(m -> Integer.parseInt(m.group(1))).findFirst();
    }

    static List<String> announcementsOf(FakeSlackApi slack, String word) {
        return slack.messagesTo("CBROADCAST").stream().filter(t -> t != null && t.contains(word)).toList();
    }

    /** Every Web API call whose arguments mention {@code word}. */
    static List<String> callsMentioning(FakeSlackApi slack, String word, String... methods) {
        List<String> out = new ArrayList<>();
        for (String m : methods) {
            slack.calls(m).stream().filter(f -> f.toString().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)))
                    .forEach(f -> out.add(m + " " + f));
        }
        return out;
    }

    /** What user U1 was told privately: chat.postEphemeral to them and posts to the commands' response_urls. */
    static List<String> privateRepliesMentioning(FakeSlackApi slack, ResponseUrls urls, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        slack.calls("chat.postEphemeral").stream().filter(f -> "U1".equals(f.get("user")))
                .map(f -> f.getOrDefault("text", ""))
                .filter(t -> t.toLowerCase(Locale.ROOT).contains(w)).forEach(t -> out.add("ephemeral: " + t));
        urls.posts.stream().filter(p -> p.body().toLowerCase(Locale.ROOT).contains(w) && !p.body().contains("\"in_channel\""))
                .forEach(p -> out.add("response_url: " + p.body()));
        return out;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; " + state.get());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Slack's response_url endpoints (https://api.slack.com/interactivity/handling#message_responses):
     * the app may POST a JSON message there; recorded so a private answer sent that way counts too.
     */
    static final class ResponseUrls implements AutoCloseable {
        record Post(String path, String body) {
        }

        final List<Post> posts = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final AtomicLong next = new AtomicLong();

        ResponseUrls() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/commands/", ex -> {
                posts.add(new Post(ex.getRequestURI().getPath(), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, ok.length);
                ex.getResponseBody().write(ok);
                ex.close();
            });
            server.start();
        }

        String next() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/commands/T1/" + next.incrementAndGet() + "/bbcheck";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
