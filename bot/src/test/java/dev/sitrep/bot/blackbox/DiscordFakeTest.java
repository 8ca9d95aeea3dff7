package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Discord stand-in refuses what Discord refuses (so the contract checks built on it can fail). */
class DiscordFakeTest {

    private DiscordFake discord;
    private DiscordFakeGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        discord = new DiscordFake();
        gateway = new DiscordFakeGateway(discord);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.shutdown();
        discord.close();
    }

    private HttpResponse<String> call(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(discord.baseUrl() + "/api/v10" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) b.header("Authorization", auth);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String bot() {
        return "Bot " + discord.token;
    }

    private static int code(HttpResponse<String> r) throws Exception {
        return FakeHttp.JSON.readTree(r.body()).path("code").asInt();
    }

    @Test
    void refusesRequestsWithoutTheBotToken() throws Exception {
        assertEquals(401, call("GET", "/users/@me", null, null).statusCode());
        assertEquals(401, call("GET", "/users/@me", "Bearer " + discord.token, null).statusCode());
        assertEquals(200, call("GET", "/users/@me", bot(), null).statusCode());
    }

    @Test
    void refusesMessagesOverDiscordsLimits() throws Exception {
        String c = "/channels/" + discord.broadcastChannelId + "/messages";
        HttpResponse<String> tooLong = call("POST", c, bot(), "{\"content\":\"" + "x".repeat(2001) + "\"}");
        assertEquals(400, tooLong.statusCode());
        assertEquals(50035, code(tooLong));
        assertEquals(50006, code(call("POST", c, bot(), "{\"content\":\"\"}")));
        assertEquals(400, call("POST", c, bot(), "{\"embeds\":[{\"title\":\"" + "t".repeat(257) + "\"}]}").statusCode());
        assertEquals(400, call("POST", c, bot(), "{\"embeds\":[{\"description\":\"" + "d".repeat(4097) + "\"}]}").statusCode());
        String fields = "{\"name\":\"n\",\"value\":\"v\"},".repeat(26);
        assertEquals(400, call("POST", c, bot(), "{\"embeds\":[{\"fields\":[" + fields.substring(0, fields.length() - 1) + "]}]}").statusCode());
        String big = "{\"description\":\"" + "d".repeat(4000) + "\"}";
        assertEquals(400, call("POST", c, bot(), "{\"embeds\":[" + big + "," + big + "]}").statusCode(), "6000 in total");
        assertEquals(200, call("POST", c, bot(), "{\"content\":\"" + "x".repeat(2000) + "\"}").statusCode());
    }

    @Test
    void enforcedNonceReturnsTheFirstMessage() throws Exception {
        String c = "/channels/" + discord.broadcastChannelId + "/messages";
        String body = "{\"content\":\"hi\",\"nonce\":\"n-1\",\"enforce_nonce\":true}";
        JsonNode first = FakeHttp.JSON.readTree(call("POST", c, bot(), body).body());
        JsonNode second = FakeHttp.JSON.readTree(call("POST", c, bot(), body).body());
        assertEquals(first.get("id"), second.get("id"));
        assertEquals(1, discord.messagesIn(discord.broadcastChannelId).size());
    }

    @Test
    void refusesInvalidChannelNamesAndParents() throws Exception {
        String g = "/guilds/" + discord.guildId + "/channels";
        assertEquals(400, call("POST", g, bot(), "{\"name\":\"" + "a".repeat(101) + "\",\"type\":0}").statusCode());
        assertEquals(400, call("POST", g, bot(), "{\"name\":\"\",\"type\":0}").statusCode());
        assertEquals(400, call("POST", g, bot(), "{\"name\":\"ok\",\"type\":0,\"parent_id\":\"" + discord.generalChannelId + "\"}").statusCode());
        assertEquals(201, call("POST", g, bot(), "{\"name\":\"ok\",\"type\":0,\"parent_id\":\"" + discord.categoryId + "\"}").statusCode());
    }

    @Test
    void interactionCallbacksFollowTheThreeSecondAndOnceRules() throws Exception {
        discord.dispatched("1", "tok", discord.generalChannelId);
        assertEquals(404, call("POST", "/webhooks/" + discord.appId + "/tok", null, "{\"content\":\"early\"}").statusCode(), "follow-up before the response");
        discord.dispatched("1", "tok", discord.generalChannelId); // the 3 s clock starts again here
        assertEquals(204, call("POST", "/interactions/1/tok/callback", null, "{\"type\":5,\"data\":{\"flags\":64}}").statusCode());
        HttpResponse<String> again = call("POST", "/interactions/1/tok/callback", null, "{\"type\":5}");
        assertEquals(400, again.statusCode());
        assertEquals(40060, code(again));
        assertEquals(200, call("POST", "/webhooks/" + discord.appId + "/tok", null, "{\"content\":\"done\",\"flags\":64}").statusCode());

        DiscordFake.Interaction late = new DiscordFake.Interaction("2", "tok2", System.currentTimeMillis() - 3500);
        discord.interactions.put("2", late);
        HttpResponse<String> tooLate = call("POST", "/interactions/2/tok2/callback", null, "{\"type\":5}");
        assertEquals(404, tooLate.statusCode());
        assertEquals(10062, code(tooLate));

        discord.dispatched("3", "tok3", discord.generalChannelId);
        String input = "{\"type\":1,\"components\":[{\"type\":4,\"custom_id\":\"x\",\"label\":\"x\",\"style\":1}]}";
        String six = ("," + input).repeat(6).substring(1);
        assertEquals(400, call("POST", "/interactions/3/tok3/callback", null,
                "{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"t\",\"components\":[" + six + "]}}").statusCode(), "six components");
        discord.dispatched("3", "tok3", discord.generalChannelId);
        assertEquals(204, call("POST", "/interactions/3/tok3/callback", null,
                "{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"t\",\"components\":[" + input + "]}}").statusCode());
    }

    @Test
    void rateLimitsAnswer429WithRetryAfterAndHeadersUntilItPasses() throws Exception {
        String c = "/channels/" + discord.broadcastChannelId + "/messages";
        discord.rateLimitNext("POST " + c, 1);
        HttpResponse<String> limited = call("POST", c, bot(), "{\"content\":\"a\"}");
        assertEquals(429, limited.statusCode());
        assertTrue(FakeHttp.JSON.readTree(limited.body()).path("retry_after").asDouble() > 0);
        assertTrue(limited.headers().firstValue("X-RateLimit-Reset-After").isPresent());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, call("POST", c, bot(), "{\"content\":\"a\"}").statusCode(), "a retry before retry_after");
        assertEquals(1, discord.earlyRetries.size());
    }

    @Test
    void gatewayClosesOnPrivilegedIntentsAndWrongTokens() throws Exception {
        assertEquals(4014, identifyAndAwaitClose(discord.token, 1L << 15));
        assertEquals(4004, identifyAndAwaitClose("wrong", 1));
    }

    private int identifyAndAwaitClose(String token, long intents) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<String> hello = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(gateway.url() + "/?v=10&encoding=json"), new WebSocket.Listener() {
            @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                hello.complete(data.toString());
                w.request(1);
                return null;
            }
            @Override public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        assertTrue(hello.get(5, TimeUnit.SECONDS).contains("\"op\":10"));
        ws.sendText("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents
                + ",\"properties\":{\"os\":\"linux\",\"browser\":\"t\",\"device\":\"t\"}}}", true);
        return closed.get(Duration.ofSeconds(5).toSeconds(), TimeUnit.SECONDS);
    }

    private static String row(String... buttons) {
        return "{\"type\":1,\"components\":[" + String.join(",", buttons) + "]}";
    }

    private static String btn(String customId, String label) {
        return "{\"type\":2,\"style\":1,\"custom_id\":\"" + customId + "\",\"label\":\"" + label + "\"}";
    }

    private HttpResponse<String> post(String components) throws Exception {
        return call("POST", "/channels/" + discord.generalChannelId + "/messages", bot(),
                "{\"content\":\"x\",\"components\":[" + components + "]}");
    }

    @Test
    void refusesMessagesBreakingTheComponentRules() throws Exception {
        // https://discord.com/developers/docs/components/reference#action-row, #button
        assertEquals(200, post(row(btn("a", "A"), btn("b", "B"))).statusCode());
        String six = String.join(",", java.util.Collections.nCopies(6, row(btn("x", "X"))).stream()
                .map(r -> r.replace("\"x\"", "\"" + java.util.UUID.randomUUID() + "\"")).toList());
        assertEquals(400, post(six).statusCode(), "six action rows");
        assertEquals(400, post(row(btn("1", "1"), btn("2", "2"), btn("3", "3"), btn("4", "4"), btn("5", "5"), btn("6", "6"))).statusCode(), "six buttons in a row");
        assertEquals(400, post(row(btn("same", "A"), btn("same", "B"))).statusCode(), "duplicate custom_id");
        assertEquals(400, post(row(btn("c".repeat(101), "A"))).statusCode(), "custom_id of 101");
        assertEquals(400, post(row(btn("c", "l".repeat(81)))).statusCode(), "label of 81");
        assertEquals(400, post(row("{\"type\":2,\"style\":1,\"label\":\"no id\"}")).statusCode(), "no custom_id");
        assertEquals(400, post(row("{\"type\":2,\"style\":7,\"custom_id\":\"s\",\"label\":\"S\"}")).statusCode(), "style 7");
        assertEquals(400, post(row("{\"type\":2,\"style\":5,\"label\":\"L\"}")).statusCode(), "link without url");
        assertEquals(400, post(row("{\"type\":2,\"style\":5,\"label\":\"L\",\"url\":\"https://x\",\"custom_id\":\"c\"}")).statusCode(), "link with custom_id");
        assertEquals(400, post(btn("bare", "B")).statusCode(), "a button outside an action row");
        assertEquals(50035, code(post(row(btn("same", "A"), btn("same", "B")))));
    }

    @Test
    void aComponentInteractionIsAnsweredOnceWithin3sAndOnlyComponentsGetUpdateCallbacks() throws Exception {
        // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
        DiscordFake.Interaction cmd = discord.dispatched("900", "tok-cmd", discord.generalChannelId);
        cmd.type = 2;
        assertEquals(400, call("POST", "/interactions/900/tok-cmd/callback", null, "{\"type\":6}").statusCode(), "type 6 on a command");
        DiscordFake.Interaction click = discord.dispatched("901", "tok-click", discord.generalChannelId);
        click.type = 3;
        assertEquals(204, call("POST", "/interactions/901/tok-click/callback", null, "{\"type\":6}").statusCode());
        HttpResponse<String> again = call("POST", "/interactions/901/tok-click/callback", null, "{\"type\":6}");
        assertEquals(400, again.statusCode());
        assertEquals(40060, code(again));
        DiscordFake.Interaction late = new DiscordFake.Interaction("902", "tok-late", System.currentTimeMillis() - 3500);
        late.type = 3;
        discord.interactions.put("902", late);
        HttpResponse<String> tooLate = call("POST", "/interactions/902/tok-late/callback", null, "{\"type\":6}");
        assertEquals(404, tooLate.statusCode());
        assertEquals(10062, code(tooLate));
    }
}
