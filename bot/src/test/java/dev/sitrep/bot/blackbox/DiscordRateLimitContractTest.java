package dev.sitrep.bot.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@link DiscordRateLimitContract} run against the Discord REST stand-ins of the black-box package,
 * and against two small reference servers that show the check itself is right: one bucket exactly
 * as https://discord.com/developers/docs/topics/rate-limits describes it passes, a server that
 * never limits fails.
 *
 * <p>Findings (the stand-in does not enforce buckets) are {@code @Disabled("finding: ...")} with the
 * documentation's words, to be enabled once the stand-in enforces them.
 */
class DiscordRateLimitContractTest {

    private static final String REFERENCE_TOKEN = "reference-token";

    @Test
    void aBucketAsDiscordDocumentsItPasses() throws Exception {
        try (ReferenceDiscord reference = new ReferenceDiscord(true)) {
            List<DiscordRateLimitContract.Answer> answers = new DiscordRateLimitContract(reference.apiBase(), REFERENCE_TOKEN)
                    .check(new DiscordRateLimitContract.Route("POST", "channels/1300000000000000002/messages", "{\"content\":\"probe\"}"));
            assertThat(answers).hasSize(ReferenceDiscord.LIMIT + 1);
            assertThat(answers.get(answers.size() - 1).status()).isEqualTo(429);
        }
    }

    @Test
    void aServerThatNeverLimitsFails() throws Exception {
        try (ReferenceDiscord unlimited = new ReferenceDiscord(false)) {
            assertThatThrownBy(() -> new DiscordRateLimitContract(unlimited.apiBase(), REFERENCE_TOKEN)
                    .check(new DiscordRateLimitContract.Route("POST", "channels/1300000000000000002/messages", "{\"content\":\"probe\"}")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the bucket is never exhausted")
                    .hasMessageContaining("X-RateLimit-Remaining went 4 -> 4");
        }
    }

    /**
     * blackbox.DiscordFake answers every request with fixed headers (Limit 5, Remaining 4) and only
     * answers 429 when a test arms {@code rateLimitNext}: a client that sends faster than
     * Discord allows is never refused, so pacing cannot be checked against it.
     */
    @Test
    @Disabled("finding: blackbox.DiscordFake never exhausts a bucket: X-RateLimit-Remaining stays 4 on every request and"
            + " no 429 comes after 60 requests in a row; https://discord.com/developers/docs/topics/rate-limits: \"If you"
            + " exceed a rate limit, you will receive a HTTP 429 response\", X-RateLimit-Remaining is \"The number of"
            + " remaining requests that can be made\"")
    void blackboxDiscordFakeEnforcesBuckets() throws Exception {
        try (DiscordFake discord = new DiscordFake()) {
            new DiscordRateLimitContract(discord.baseUrl() + "/api/v10/", discord.token).check(new DiscordRateLimitContract.Route(
                    "POST", "channels/" + discord.broadcastChannelId + "/messages", "{\"content\":\"rate limit probe\"}"));
        }
    }

    /** The 429 a test arms with {@code rateLimitNext} has Discord's body and headers, and ends after retry_after. */
    @Test
    void blackboxDiscordFakesArmedRateLimitHasDiscordsShape() throws Exception {
        try (DiscordFake discord = new DiscordFake()) {
            String path = "channels/" + discord.broadcastChannelId + "/messages";
            discord.rateLimitNext("POST /" + path, 1);
            new DiscordRateLimitContract(discord.baseUrl() + "/api/v10/", discord.token)
                    .check(new DiscordRateLimitContract.Route("POST", path, "{\"content\":\"rate limit probe\"}"));
        }
    }

    /** blackbox.BbDiscordFake sends no rate limit headers at all and never answers 429. */
    @Test
    @Disabled("finding: blackbox.BbDiscordFake sends no X-RateLimit-* headers and no 429 after 60 requests in a row;"
            + " https://discord.com/developers/docs/topics/rate-limits#header-format lists X-RateLimit-Limit, -Remaining,"
            + " -Reset, -Reset-After, -Bucket, and \"If you exceed a rate limit, you will receive a HTTP 429 response\"")
    void bbDiscordFakeEnforcesBuckets() throws Exception {
        try (BbDiscordFake discord = new BbDiscordFake()) {
            new DiscordRateLimitContract(discord.apiUrl(), BbDiscordFake.TOKEN).check(new DiscordRateLimitContract.Route(
                    "POST", "channels/" + BbDiscordFake.BROADCAST + "/messages", "{\"content\":\"rate limit probe\"}"));
        }
    }

    /**
     * A Discord REST server of one route whose per-channel bucket allows {@link #LIMIT} requests per
     * {@link #WINDOW_MS}, answering as the rate-limits page shows; or, unlimited, one that counts
     * nothing (fixed headers, never 429), as a stand-in without enforcement does.
     */
    static final class ReferenceDiscord implements AutoCloseable {
        static final int LIMIT = 5;
        static final long WINDOW_MS = 1500;
        private final HttpServer server;
        private final boolean enforcing;
        private long windowStart;
        private int used;

        ReferenceDiscord(boolean enforcing) throws IOException {
            this.enforcing = enforcing;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v10/", this::serve);
            server.start();
        }

        String apiBase() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/";
        }

        private synchronized void serve(HttpExchange ex) throws IOException {
            ex.getRequestBody().readAllBytes();
            if (!("Bot " + REFERENCE_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
                return;
            }
            long now = System.currentTimeMillis();
            if (!enforcing) {
                ex.getResponseHeaders().set("X-RateLimit-Limit", "5");
                ex.getResponseHeaders().set("X-RateLimit-Remaining", "4");
                ex.getResponseHeaders().set("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", now / 1000.0 + 1));
                ex.getResponseHeaders().set("X-RateLimit-Reset-After", "1.000");
                ex.getResponseHeaders().set("X-RateLimit-Bucket", "abcd1234");
                send(ex, 200, "{\"id\":\"1\",\"content\":\"probe\"}");
                return;
            }
            if (now - windowStart >= WINDOW_MS) {
                windowStart = now;
                used = 0;
            }
            double resetAfter = (windowStart + WINDOW_MS - now) / 1000.0;
            ex.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(LIMIT));
            ex.getResponseHeaders().set("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", (windowStart + WINDOW_MS) / 1000.0));
            ex.getResponseHeaders().set("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfter));
            ex.getResponseHeaders().set("X-RateLimit-Bucket", "abcd1234");
            if (used >= LIMIT) {
                ex.getResponseHeaders().set("X-RateLimit-Remaining", "0");
                ex.getResponseHeaders().set("Retry-After", Long.toString((long) Math.ceil(resetAfter)));
                ex.getResponseHeaders().set("X-RateLimit-Scope", "user");
                send(ex, 429, String.format(Locale.ROOT,
                        "{\"message\":\"You are being rate limited.\",\"retry_after\":%.3f,\"global\":false}", resetAfter));
                return;
            }
            used++;
            ex.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(LIMIT - used));
            send(ex, 200, "{\"id\":\"1\",\"content\":\"probe\"}");
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
