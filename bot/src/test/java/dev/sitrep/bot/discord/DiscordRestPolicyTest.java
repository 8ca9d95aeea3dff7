package dev.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.discord.DiscordRest;
import dev.sitrep.http.OutboundPolicy;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DiscordRest (the replicas without the gateway) under the shared outbound policy, against the
 * Discord fake that holds to Discord's rules: rate limits waited out as long as Discord says,
 * lost answers of nonced posts sent again without doubling, refusals final and named.
 */
class DiscordRestPolicyTest {

    private static final String CHANNEL = FakeDiscordGateway.GENERAL;
    private static final String MESSAGES = "channels/" + CHANNEL + "/messages";

    private final FakeDiscordApi discord = new FakeDiscordApi();
    private final DiscordRest rest = new DiscordRest(discord.url(), "fake-discord-token",
            OutboundPolicy.of(3, Duration.ofMillis(10), Duration.ofSeconds(30)));

    @AfterEach
    void stop() {
        discord.close();
    }

    private static DataObject message(String nonce) {
        return DataObject.empty().put("content", "Update overdue").put("nonce", nonce).put("enforce_nonce", true);
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsDiscordSays() {
        discord.rules.rateLimitNext("POST", MESSAGES, 0.6);

        String id = rest.send(CHANNEL, message("n-rate-limited"));

        assertThat(id).isNotBlank();
        // Retries 10 and 20 ms apart would have come inside retry_after and been limited again.
        assertThat(discord.rules.tooEarly()).isZero();
        assertThat(discord.requests("POST", MESSAGES)).hasSize(2);
        assertThat(discord.created(CHANNEL)).hasSize(1);
    }

    /**
     * https://discord.com/developers/docs/topics/rate-limits#header-format: once an answer says the
     * route's bucket is used up (X-RateLimit-Remaining 0), the next call waits for its Reset-After
     * instead of running into a 429.
     */
    @Test
    void aBucketTheAnswerSaysIsUsedUpIsWaitedForNotRunInto() {
        discord.enforceRateLimits();
        int more = DiscordRateLimits.CHANNEL_MESSAGES.limit() + 2;
        for (int i = 0; i < more; i++) {
            assertThat(rest.send(CHANNEL, message("n-bucket-" + i))).isNotBlank();
        }
        assertThat(discord.created(CHANNEL)).hasSize(more);
        assertThat(discord.rateLimited()).as("429s met").isZero();
    }

    /**
     * A bucket whose reset is further off than sitrep waits for a 429 (a topic edit's can be minutes)
     * does not hold the caller — the outbox's drain, with reminders behind it — for the reset: the
     * next call meets Discord's 429 and is refused at once, naming the wait, so the outbox backs off.
     */
    @Test
    void aResetLongerThanSitrepWaitsRefusesTheNextCallInsteadOfHoldingIt() {
        discord.enforceRateLimits();
        DiscordRest patient = new DiscordRest(discord.url(), "fake-discord-token", new OutboundPolicy(3,
                Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofSeconds(1), 20, 10, 50f, Duration.ofSeconds(30)));
        int limit = DiscordRateLimits.CHANNEL_MESSAGES.limit();
        for (int i = 0; i < limit; i++) {
            assertThat(patient.send(CHANNEL, message("n-long-reset-" + i))).isNotBlank();
        }

        assertThatThrownBy(() -> patient.send(CHANNEL, message("n-long-reset-over")))
                .isInstanceOf(PlatformFailure.class).hasMessageContaining("longer than sitrep waits");
        assertThat(discord.created(CHANNEL)).hasSize(limit);
    }

    /** https://discord.com/developers/docs/topics/rate-limits#global-rate-limit: 50 a second in all, never more. */
    @Test
    void manyCallsAtOnceStayWithinTheGlobalLimit() throws Exception {
        discord.enforceRateLimits();
        int calls = DiscordRateLimits.GLOBAL_PER_SECOND + 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String channel = Long.toString(370000000000000000L + i);
                done.add(pool.submit(() -> rest.setTopic(channel, "SEV2 · investigating")));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(discord.requests("PATCH", "channels/37.*")).hasSize(calls);
        assertThat(discord.rateLimited()).as("429s met").isZero();
    }

    /** The message is made, then the answer lost (500): sent again with its enforced nonce, it is not made twice. */
    @Test
    void aLostAnswerIsSentAgainWithTheSameNonceAndMakesOneMessage() {
        discord.failNext("POST", MESSAGES, 1);

        String id = rest.send(CHANNEL, message("n-lost-answer"));

        assertThat(discord.requests("POST", MESSAGES)).hasSize(2);
        assertThat(discord.created(CHANNEL)).hasSize(1);
        assertThat(id).isNotBlank();
    }

    @Test
    void aRefusalIsFinalAndNamedWithoutTheToken() {
        discord.botRolePermissions(0);

        assertThatThrownBy(() -> rest.send(CHANNEL, message("n-refused"))).isInstanceOf(PlatformFailure.class)
                .hasMessage("Discord POST /api/v10/" + MESSAGES + " answered HTTP 403 Missing Permissions"
                        + " (grant sitrep's role the permission)")
                .hasMessageNotContaining("fake-discord-token");
        assertThat(discord.requests("POST", MESSAGES)).hasSize(1);
        assertThat(discord.created(CHANNEL)).isEmpty();
    }
}
