package dev.sitrep.bot.discord;

import dev.sitrep.bot.blackbox.DiscordRateLimitContract;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The black-box {@link DiscordRateLimitContract} (https://discord.com/developers/docs/topics/rate-limits)
 * run against {@link FakeDiscordApi}, the WireMock Discord the white-box tests post to: a stand-in
 * that never exhausts a bucket cannot show whether sitrep paces its REST calls.
 *
 * <p>Branch h5-discord (8f786fd) makes the stand-in enforce buckets, opt-in with
 * {@code FakeDiscordApi.enforceRateLimits()}. With that branch's stand-in and that call added,
 * {@link #fakeDiscordApiEnforcesBuckets} passed (checked on a scratch copy, 2 Dec 2026). After the
 * merge: add {@code discord.enforceRateLimits();} as the first line inside each try block below and
 * remove the {@code @Disabled}.
 */
class FakeDiscordApiRateLimitContractTest {

    @Test
    @Disabled("finding: FakeDiscordApi (main) sends no X-RateLimit-* headers and answers no 429 after 60 channel"
            + " messages in a row (429 only when a test arms rateLimitNext); https://discord.com/developers/docs/topics/"
            + "rate-limits: \"If you exceed a rate limit, you will receive a HTTP 429 response\"; #header-format lists"
            + " X-RateLimit-Limit, -Remaining, -Reset, -Reset-After, -Bucket. Enable after h5-discord is merged, with"
            + " discord.enforceRateLimits() first")
    void fakeDiscordApiEnforcesBuckets() throws Exception {
        try (FakeDiscordApi discord = new FakeDiscordApi()) {
            new DiscordRateLimitContract(discord.url(), "fake-discord-token").check(new DiscordRateLimitContract.Route(
                    "POST", "channels/" + FakeDiscordGateway.BROADCAST + "/messages", "{\"content\":\"rate limit probe\"}"));
        }
    }

    /** The 429 a test arms with rateLimitNext must itself have Discord's shape (body and headers). */
    @Test
    @Disabled("finding: the 429 of FakeDiscordApi's rateLimitNext has Retry-After and X-RateLimit-Scope but, on main,"
            + " no X-RateLimit-Limit, -Remaining, -Reset, -Reset-After or -Bucket; on h5-discord with enforcement on it"
            + " carries the bucket's headers with X-RateLimit-Remaining 4 (the refused request was counted as a"
            + " success); https://discord.com/developers/docs/topics/rate-limits#header-format and #exceeding-a-rate-limit")
    void anArmedRateLimitHasDiscordsShape() throws Exception {
        try (FakeDiscordApi discord = new FakeDiscordApi()) {
            discord.rules.rateLimitNext("POST", "channels/" + FakeDiscordGateway.BROADCAST + "/messages", 0.5);
            new DiscordRateLimitContract(discord.url(), "fake-discord-token").check(new DiscordRateLimitContract.Route(
                    "POST", "channels/" + FakeDiscordGateway.BROADCAST + "/messages", "{\"content\":\"rate limit probe\"}"));
        }
    }
}
