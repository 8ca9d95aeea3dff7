package dev.sitrep.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What a declarer is told of their channel's wait comes from Discord's own headers on JDA's last
 * answer of the route (https://discord.com/developers/docs/topics/rate-limits#header-format).
 */
class RateLimitWatchTest {

    private static final String CREATE = "/api/v10/guilds/1/channels";

    private Instant now = Instant.parse("2026-12-02T12:00:00Z");
    private final RateLimitWatch watch = new RateLimitWatch(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void nothingKnownYetNothingIsSaidOfAWait() {
        assertThat(watch.wait("POST", "/guilds/1/channels", 1)).isEmpty();
        assertThat(watch.wait("POST", "/guilds/1/channels", 3)).isEmpty();
    }

    @Test
    void aPlaceWithinWhatRemainsDoesNotWaitOneBeyondWaitsForTheResetsItNeeds() {
        // A fresh window of 5 per 10 s: one used, 4 left, resets in 10 s.
        watch.note("POST", CREATE, "5", "4", "10.0");
        now = now.plusSeconds(2);
        watch.note("POST", CREATE, "5", "3", "8.0");
        assertThat(watch.wait("POST", "/guilds/1/channels", 3)).isEmpty();
        // 3 remain: places 4..8 go after the reset in 8 s, 9..13 a window later.
        assertThat(watch.wait("POST", "/guilds/1/channels", 4)).contains(Duration.ofSeconds(8));
        assertThat(watch.wait("POST", "/guilds/1/channels", 8)).contains(Duration.ofSeconds(8));
        assertThat(watch.wait("POST", "/guilds/1/channels", 9)).contains(Duration.ofSeconds(18));
        assertThat(watch.wait("POST", "/channels/1/messages", 9)).as("another route").isEmpty();
    }

    @Test
    void aWindowThatIsOverIsWholeAgain() {
        watch.note("POST", CREATE, "5", "4", "10.0");
        watch.note("POST", CREATE, "5", "0", "9.5");
        now = now.plusSeconds(11);
        assertThat(watch.wait("POST", "/guilds/1/channels", 5)).isEmpty();
        assertThat(watch.wait("POST", "/guilds/1/channels", 6)).contains(Duration.ofSeconds(10));
    }

    /** One entry per channel ever posted to would grow without end: a route idle long after its reset is forgotten. */
    @Test
    void routesIdleLongAfterTheirResetAreForgottenAndTheOthersKept() {
        for (int c = 1; c <= 100; c++) {
            watch.note("POST", "/api/v10/channels/" + c + "/messages", "5", "4", "5.0");
        }
        now = now.plus(RateLimitWatch.FORGET_AFTER);
        watch.note("POST", CREATE, "5", "4", "10.0");
        assertThat(watch.routes()).as("reset 9 min 55 s ago: not yet").isEqualTo(101);

        now = now.plus(RateLimitWatch.SWEEP_EVERY);
        watch.note("POST", "/api/v10/channels/1/messages", "5", "4", "5.0");
        assertThat(watch.routes()).as("channel 1 (just answered) and the guild's channels; 99 forgotten").isEqualTo(2);
        assertThat(watch.wait("POST", "/channels/2/messages", 9)).as("forgotten: as never met").isEmpty();
        assertThat(watch.wait("POST", "/guilds/1/channels", 6)).as("kept: its window's length still known")
                .contains(Duration.ofSeconds(10));
    }
}
