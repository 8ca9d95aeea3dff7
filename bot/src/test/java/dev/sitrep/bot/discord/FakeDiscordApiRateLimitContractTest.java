package dev.sitrep.bot.discord;

import dev.sitrep.bot.blackbox.DiscordRateLimitContract;
import org.junit.jupiter.api.Test;

/**
 * The black-box {@link DiscordRateLimitContract} (https://discord.com/developers/docs/topics/rate-limits)
 * run against {@link FakeDiscordApi}, the WireMock Discord the white-box tests post to: a stand-in
 * that never exhausts a bucket cannot show whether sitrep paces its REST calls.
 *
 * <p>Both run with the stand-in's rate limits on ({@code FakeDiscordApi.enforceRateLimits()}, as the
 * burst tests use it); the armed 429 carries a used-up bucket's headers of its own.
 */
class FakeDiscordApiRateLimitContractTest {

    @Test
    void fakeDiscordApiEnforcesBuckets() throws Exception {
        try (FakeDiscordApi discord = new FakeDiscordApi()) {
            discord.enforceRateLimits();
            new DiscordRateLimitContract(discord.url(), "fake-discord-token").check(new DiscordRateLimitContract.Route(
                    "POST", "channels/" + FakeDiscordGateway.BROADCAST + "/messages", "{\"content\":\"rate limit probe\"}"));
        }
    }

    /** The 429 a test arms with rateLimitNext must itself have Discord's shape (body and headers). */
    @Test
    void anArmedRateLimitHasDiscordsShape() throws Exception {
        try (FakeDiscordApi discord = new FakeDiscordApi()) {
            discord.enforceRateLimits();
            discord.rules.rateLimitNext("POST", "channels/" + FakeDiscordGateway.BROADCAST + "/messages", 0.5);
            new DiscordRateLimitContract(discord.url(), "fake-discord-token").check(new DiscordRateLimitContract.Route(
                    "POST", "channels/" + FakeDiscordGateway.BROADCAST + "/messages", "{\"content\":\"rate limit probe\"}"));
        }
    }
}
