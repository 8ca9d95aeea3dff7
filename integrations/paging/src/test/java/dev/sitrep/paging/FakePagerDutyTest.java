package dev.sitrep.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in itself keeps PagerDuty's Events API v2 contract, so the pager's tests prove something:
 * it refuses what PagerDuty refuses (https://developer.pagerduty.com/docs/events-API-v2/overview,
 * "Response Codes & Retry Logic"; https://developer.pagerduty.com/docs/events-API-v2/trigger-events,
 * "Parameters") and answers as it does (202 with the dedup_key, 400 with errors[], 429).
 */
class FakePagerDutyTest {

    private static final String KEY = "R0123456789abcdef0123456789abcde";

    private final FakePagerDuty pagerDuty = newFake();
    private final HttpClient http = HttpClient.newHttpClient();

    private static FakePagerDuty newFake() {
        try {
            return new FakePagerDuty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private HttpResponse<String> send(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(pagerDuty.url() + "/v2/enqueue"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String trigger(String routingKey, String payload) {
        return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"dedup_key\":\"sitrep-INC-1-checkout\","
                + "\"payload\":" + payload + "}";
    }

    private static final String PAYLOAD = "{\"summary\":\"INC-1 SEV2 Checkout\",\"source\":\"sitrep INC-1\",\"severity\":\"error\"}";

    @Test
    void aValidTriggerIs202WithItsDedupKeyAndARepeatIsTheSameAlert() throws Exception {
        HttpResponse<String> first = send(trigger(KEY, PAYLOAD));
        HttpResponse<String> again = send(trigger(KEY, PAYLOAD));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("\"status\":\"success\"", "\"dedup_key\":\"sitrep-INC-1-checkout\"");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(pagerDuty.alerts(KEY)).hasSize(1);
    }

    @Test
    void everyRequiredFieldIsRefusedWith400AndNothingIsIngested() throws Exception {
        assertRefused("{not json", "Event must be valid JSON");
        assertRefused(trigger("", PAYLOAD).replace("\"routing_key\":\"\",", ""), "'routing_key' is missing or blank");
        assertRefused(trigger("short", PAYLOAD), "Length of 'routing_key' is incorrect");
        assertRefused(trigger(KEY, PAYLOAD).replace("\"trigger\"", "\"page\""), "'event_action' is invalid");
        assertRefused("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\"}", "'dedup_key' is missing or blank");
        assertRefused(trigger(KEY, "{\"source\":\"s\",\"severity\":\"error\"}"), "'payload.summary' is missing or blank");
        assertRefused(trigger(KEY, "{\"summary\":\"s\",\"severity\":\"error\"}"), "'payload.source' is missing or blank");
        assertRefused(trigger(KEY, "{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"sev1\"}"),
                "'payload.severity' is invalid");
        assertThat(pagerDuty.alerts(KEY)).isEmpty();
    }

    @Test
    void aThrottledEventIs429AndNotIngested() throws Exception {
        pagerDuty.failNext(429, 1);
        HttpResponse<String> throttled = send(trigger(KEY, PAYLOAD));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("throttle event");
        assertThat(pagerDuty.alerts(KEY)).isEmpty();
    }

    private void assertRefused(String body, String error) throws Exception {
        HttpResponse<String> answer = send(body);
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        assertThat(answer.body()).as(body).contains("\"status\":\"invalid event\"").contains(error);
    }
}
