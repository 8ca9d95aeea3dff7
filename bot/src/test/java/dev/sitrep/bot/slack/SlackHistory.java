package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * conversations.history answered from what was actually posted: the messages chat.postMessage
 * received for that channel, with their metadata, as Slack would return them.
 */
final class SlackHistory implements ResponseDefinitionTransformerV2 {

    static final String NAME = "slack-history";

    private final Supplier<WireMockServer> server;

    SlackHistory(Supplier<WireMockServer> server) {
        this.server = server;
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
        String channel = FakeSlackApi.form(serveEvent.getRequest().getBodyAsString()).get("channel");
        String messages = server.get().findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                .map(r -> FakeSlackApi.form(r.getBodyAsString()))
                .filter(f -> channel != null && channel.equals(f.get("channel")))
                .map(SlackHistory::message)
                .collect(Collectors.joining(","));
        return ResponseDefinition.okForJson(com.github.tomakehurst.wiremock.common.Json.read(
                "{\"ok\":true,\"has_more\":false,\"messages\":[" + messages + "]}", Map.class));
    }

    private static String message(Map<String, String> posted) {
        String metadata = posted.get("metadata");
        return "{\"type\":\"message\",\"ts\":\"1700000000.000100\",\"text\":"
                + com.github.tomakehurst.wiremock.common.Json.write(posted.getOrDefault("text", ""))
                + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}";
    }
}
