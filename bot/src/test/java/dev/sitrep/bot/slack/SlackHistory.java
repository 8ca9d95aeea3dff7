package dev.sitrep.bot.slack;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.Gson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conversations.history answered from what was actually posted (the messages chat.postMessage
 * created in that channel, as {@link SlackContract} keeps them, with their blocks, metadata and
 * edits), as Slack returns them (https://api.slack.com/methods/conversations.history): newest first;
 * {@code latest} (default now) and {@code oldest} (default 0) bound the ts, each bound itself
 * included only with {@code inclusive=true}; at most {@code limit} (default 100) messages, and
 * {@code has_more} when more matched.
 */
final class SlackHistory implements ResponseDefinitionTransformerV2 {

    static final String NAME = "slack-history";

    private final SlackContract contract;

    SlackHistory(SlackContract contract) {
        this.contract = contract;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Map<String, String> form = FakeSlackApi.form(serveEvent.getRequest().getBodyAsString());
        String channel = form.get("channel");
        boolean inclusive = "true".equals(form.get("inclusive")) || "1".equals(form.get("inclusive"));
        BigDecimal latest = form.containsKey("latest") ? new BigDecimal(form.get("latest")) : null;
        BigDecimal oldest = form.containsKey("oldest") ? new BigDecimal(form.get("oldest")) : null;
        int limit = form.containsKey("limit") ? Integer.parseInt(form.get("limit")) : 100;
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> message : channel == null ? List.<Map<String, Object>>of() : contract.messages(channel)) {
            BigDecimal ts = new BigDecimal((String) message.get("ts"));
            boolean beforeLatest = latest == null || (inclusive ? ts.compareTo(latest) <= 0 : ts.compareTo(latest) < 0);
            boolean afterOldest = oldest == null || (inclusive ? ts.compareTo(oldest) >= 0 : ts.compareTo(oldest) > 0);
            if (beforeLatest && afterOldest) {
                matching.add(new LinkedHashMap<>(message));
            }
        }
        Collections.reverse(matching);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("messages", matching.subList(0, Math.min(limit, matching.size())));
        body.put("has_more", matching.size() > limit);
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(new Gson().toJson(body)).build();
    }
}
