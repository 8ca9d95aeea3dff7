package dev.sitrep.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How long a service asks us to wait, from whichever of its signals it sent (the longest wins):
 * <ul>
 * <li>{@code Retry-After}, delay-seconds or an HTTP-date (RFC 9110 §10.2.3); GitHub's secondary rate
 *     limits, Discord, Confluence and Slack send it
 *     (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 *     https://developer.atlassian.com/cloud/confluence/rate-limiting/);</li>
 * <li>{@code retry_after} in a JSON body, seconds with decimals: Discord's exact figure
 *     (https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit);</li>
 * <li>{@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset} in epoch seconds: GitHub's
 *     primary rate limit.</li>
 * </ul>
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** A {@code Retry-After} value, or empty when it is neither seconds nor an HTTP-date. */
    public static Optional<Duration> ofHeader(String value, Instant now) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    static Optional<Duration> of(HttpHeaders headers, JsonNode body, Instant now) {
        Optional<Duration> header = headers.firstValue("Retry-After").flatMap(v -> ofHeader(v, now));
        Optional<Duration> inBody = body.path("retry_after").isNumber()
                ? Optional.of(Duration.ofMillis((long) Math.ceil(body.path("retry_after").asDouble() * 1000)))
                : Optional.empty();
        Optional<Duration> reset = headers.firstValue("x-ratelimit-remaining").filter("0"::equals)
                .flatMap(r -> headers.firstValue("x-ratelimit-reset")).flatMap(v -> {
                    try {
                        Instant at = Instant.ofEpochSecond(Long.parseLong(v.trim()));
                        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                });
        return java.util.stream.Stream.of(header, inBody, reset).flatMap(Optional::stream).max(Duration::compareTo);
    }
}
