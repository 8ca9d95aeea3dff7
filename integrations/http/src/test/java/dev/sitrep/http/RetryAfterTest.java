package dev.sitrep.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** The wait a service asks for, in each of the shapes the services send it. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.of(e.getValue()))), (a, b) -> true);
    }

    /** https://www.rfc-editor.org/rfc/rfc9110#field.retry-after: delay-seconds or an HTTP-date. */
    @Test
    void secondsOrAnHttpDate() {
        assertThat(RetryAfter.ofHeader("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.ofHeader(" 0.25 ", NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.ofHeader("Wed, 02 Dec 2026 01:02:00 GMT", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.ofHeader("Wed, 02 Dec 2026 00:59:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.ofHeader("soon", NOW)).isEmpty();
        assertThat(RetryAfter.ofHeader("-1", NOW)).isEmpty();
    }

    /** Discord sends both; its body's retry_after is the exact one (https://discord.com/developers/docs/topics/rate-limits). */
    @Test
    void theLongestOfHeaderAndDiscordsBody() {
        var body = JsonMapper.builder().build().readTree("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5}");
        assertThat(RetryAfter.of(headers(Map.of("Retry-After", "1")), body, NOW)).contains(Duration.ofMillis(1500));
    }

    /**
     * GitHub's primary rate limit: x-ratelimit-remaining 0 and x-ratelimit-reset in epoch seconds
     * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
     */
    @Test
    void gitHubsPrimaryLimitWaitsForItsReset() {
        String reset = Long.toString(NOW.plusSeconds(90).getEpochSecond());
        assertThat(RetryAfter.of(headers(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", reset)),
                MissingNode.getInstance(), NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.of(headers(Map.of("x-ratelimit-remaining", "12", "x-ratelimit-reset", reset)),
                MissingNode.getInstance(), NOW)).isEmpty();
    }
}
