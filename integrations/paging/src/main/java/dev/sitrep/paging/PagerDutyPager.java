package dev.sitrep.paging;

import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.http.Answer;
import dev.sitrep.http.Call;
import dev.sitrep.http.CallFailed;
import dev.sitrep.http.HttpService;
import dev.sitrep.http.OutboundPolicy;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pages through PagerDuty's Events API v2 ({@code POST <apiUrl>/v2/enqueue},
 * https://developer.pagerduty.com/docs/events-API-v2/02-Trigger-Events.md), one integration (routing
 * key) per service. The dedup key comes from {@link PageKey}, so a repeated trigger lands on the open
 * alert instead of opening a second one; that makes every event safe to send again, and the shared
 * policy retries 429 and 5xx. Routing keys travel only in request bodies and are blanked from
 * anything PagerDuty answers.
 */
public final class PagerDutyPager implements Pager {

    /** https://events.pagerduty.com; EU accounts: https://events.eu.pagerduty.com. */
    public static final String DEFAULT_API_URL = "https://events.pagerduty.com";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String enqueueUrl;
    private final Map<String, String> routingKeys;
    private final HttpService http;

    /** {@code routingKeys}: service name → the integration key of its Events API v2 integration. */
    public PagerDutyPager(String apiUrl, Map<String, String> routingKeys, OutboundPolicy policy) {
        this.enqueueUrl = apiUrl.replaceAll("/+$", "") + "/v2/enqueue";
        this.routingKeys = Map.copyOf(new TreeMap<>(routingKeys));
        this.http = new HttpService("PagerDuty", policy, Map.of(), this.routingKeys.values());
    }

    /** The services this pager has a routing key for. */
    public boolean serves(String service) {
        return routingKeys.containsKey(service);
    }

    @Override
    public PageResult trigger(PageRequest page) {
        ObjectNode event = event(page.key(), "trigger");
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", page.summary());
        payload.put("source", page.source());
        payload.put("severity", page.severity().word());
        payload.put("component", page.key().service());
        payload.putObject("custom_details").put("incident", page.key().incident().label());
        ArrayNode links = event.putArray("links");
        page.links().forEach(link -> links.addObject().put("href", link.href()).put("text", link.text()));
        event.put("client", "sitrep");
        send(page.key(), event, "page");
        return new PageResult(page.key(), "PagerDuty");
    }

    @Override
    public void acknowledge(PageKey key) {
        send(key, event(key, "acknowledge"), "acknowledgement");
    }

    @Override
    public void resolve(PageKey key) {
        send(key, event(key, "resolve"), "resolution");
    }

    private ObjectNode event(PageKey key, String action) {
        String routingKey = routingKeys.get(key.service());
        if (routingKey == null) {
            throw new PagingFailure(key.service(), "PagerDuty has no routing key for service " + key.service()
                    + " (set sitrep.paging.pagerduty.routing-keys." + key.service() + ")", null);
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", action);
        event.put("dedup_key", key.dedupKey());
        return event;
    }

    private Answer send(PageKey key, ObjectNode event, String what) {
        try {
            return http.send(Call.of("POST", enqueueUrl, JSON.writeValueAsString(event)).repeatable());
        } catch (CallFailed e) {
            String reason = e.kind() == CallFailed.Kind.REFUSED
                    ? "PagerDuty refused the " + what + " for " + key.service() + " (HTTP " + e.status() + "): "
                    + (e.serviceError().isEmpty() ? "no reason given" : e.serviceError())
                    : "PagerDuty did not take the " + what + " for " + key.service() + ": " + e.getMessage();
            throw new PagingFailure(key.service(), blank(reason), e);
        }
    }

    /** HttpService already blanks what PagerDuty echoes; this covers our own wording too. */
    private String blank(String text) {
        for (String routingKey : routingKeys.values()) {
            text = text.replace(routingKey, "[REDACTED]");
        }
        return text;
    }
}
