package dev.sitrep.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOT;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;

/**
 * WireMock standing in for Discord's REST API at http://127.0.0.1:PORT/api/v10/, holding to
 * Discord's rules ({@link DiscordRules}): it refuses what sitrep's role may not do, answers
 * interactions only inside their windows, deduplicates nonces, and fails when told to.
 */
final class FakeDiscordApi implements AutoCloseable {

    /** Long enough for the slowest command on a loaded build machine; far shorter than Discord's 15 minutes. */
    static final Duration FOLLOW_UP_WINDOW = Duration.ofSeconds(60);

    final DiscordRules rules = new DiscordRules(FOLLOW_UP_WINDOW);
    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .extensions(rules));

    FakeDiscordApi() {
        server.start();
        server.stubFor(any(urlPathMatching("/api/v10/.*")).atPriority(10).willReturn(okJson("{}")));
        server.stubFor(put(urlPathMatching("/api/v10/applications/.*/commands")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathMatching("/api/v10/interactions/.*/callback"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlPathMatching("/api/v10/webhooks/" + BOT + "/.*")).willReturn(okJson(message("999", "1"))));
        server.stubFor(patch(urlPathMatching("/api/v10/webhooks/" + BOT + "/.*/messages/@original"))
                .willReturn(okJson(message("998", "1"))));
        server.stubFor(patch(urlPathMatching("/api/v10/channels/([0-9]+)")).willReturn(okJson(
                channel("{{request.pathSegments.[3]}}", "patched", FakeDiscordGateway.CATEGORY, "[]"))
                .withTransformers("response-template")));
        server.stubFor(put(urlPathMatching("/api/v10/.*/pins/.*")).willReturn(aResponse().withStatus(204)));
        server.stubFor(any(urlPathMatching("/api/v10/guilds/" + GUILD + "/members/.*/roles/.*"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlPathEqualTo("/api/v10/users/@me")).willReturn(okJson(
                user(BOT, "sitrep").replace("\"bot\":false", "\"bot\":true,\"verified\":true,\"mfa_enabled\":false"))));
        server.stubFor(get(urlPathEqualTo("/api/v10/applications/@me")).willReturn(okJson(
                "{\"id\":\"" + BOT + "\",\"name\":\"sitrep\",\"flags\":0,\"bot_public\":true,"
                        + "\"bot_require_code_grant\":false,\"description\":\"\",\"icon\":null}")));
        member(FakeDiscordGateway.ALICE, "alice");
        member(FakeDiscordGateway.BOB, "bob");
    }

    void member(String id, String name) {
        server.stubFor(get(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/members/" + id)).willReturn(okJson(
                "{\"user\":" + user(id, name) + ",\"roles\":[],\"joined_at\":\"2024-01-01T00:00:00.000000+00:00\","
                        + "\"deaf\":false,\"mute\":false,\"flags\":0,\"pending\":false,\"nick\":null}")));
    }

    StubMapping channelCreated(String id, String overwrites) {
        rules.overwrites(id, overwrites);
        return server.stubFor(post(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/channels")).atPriority(3)
                .willReturn(okJson(channel(id, "{{jsonPath request.body '$.name'}}", FakeDiscordGateway.CATEGORY, overwrites))
                        .withTransformers("response-template")));
    }

    /** What sitrep's role may do (the fake gateway tells JDA the same with a GUILD_ROLE_UPDATE). */
    void botRolePermissions(long permissions) {
        rules.botRolePermissions(permissions);
    }

    /** Holds every request to Discord's published rate limits from now on ({@link DiscordRateLimits}). */
    void enforceRateLimits() {
        rules.limits().enforce();
    }

    /** Channel creation makes a new channel each time, with its own id. */
    void everyChannelNew() {
        rules.everyChannelNew();
    }

    /** 429s answered in all: a route's bucket or the global limit. */
    long rateLimited() {
        return rules.limits().routeLimited() + rules.limits().globalLimited();
    }

    /** The next {@code times} requests matching answer 500 (a message post is made first, then its answer lost). */
    void failNext(String method, String pathRegex, int times) {
        rules.failNext(method, pathRegex, times);
    }

    /** The messages Discord made in a channel; a post repeated with the same enforced nonce makes none. */
    List<String> created(String channelId) {
        return rules.created(channelId);
    }

    /** The follow-ups (and edits of the original response) an interaction got, in order. */
    List<String> answers(String interactionId) {
        DiscordRules.Interaction interaction = rules.interactions().get(interactionId);
        return interaction == null ? List.of() : List.copyOf(interaction.answers);
    }

    /**
     * Fails unless every interaction that was deferred got its follow-up within the window: the
     * user would otherwise look at "sitrep is thinking…" until the token expires. Waits for the
     * window of the ones still open, so it is the window that decides, not the test's speed.
     */
    void assertEveryInteractionAnswered() throws InterruptedException {
        for (var entry : rules.interactions().entrySet()) {
            DiscordRules.Interaction interaction = entry.getValue();
            if (interaction.responseType == -1 || interaction.checked) {
                continue;
            }
            interaction.checked = true;
            long deadline = interaction.respondedAt + FOLLOW_UP_WINDOW.toMillis();
            while (interaction.answeredAt == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            if (interaction.answeredAt == 0 || interaction.answeredAt > deadline) {
                throw new AssertionError("interaction " + entry.getKey() + " was deferred (type "
                        + interaction.responseType + ") and not followed up within " + FOLLOW_UP_WINDOW);
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/api/v10/";
    }

    List<LoggedRequest> requests(String method, String pathRegex) {
        return server.findAll(anyRequestedFor(urlPathMatching("/api/v10/" + pathRegex))).stream()
                .filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    List<String> bodies(String method, String pathRegex) {
        return requests(method, pathRegex).stream().map(LoggedRequest::getBodyAsString).toList();
    }

    static String user(String id, String name) {
        return "{\"id\":\"" + id + "\",\"username\":\"" + name + "\",\"discriminator\":\"0\",\"global_name\":\"" + name
                + "\",\"avatar\":null,\"bot\":false,\"public_flags\":0}";
    }

    static String channel(String id, String name, String parent, String overwrites) {
        return "{\"id\":\"" + id + "\",\"type\":0,\"guild_id\":\"" + GUILD + "\",\"name\":\"" + name + "\",\"position\":3,"
                + "\"permission_overwrites\":" + overwrites + ",\"topic\":null,\"nsfw\":false,\"last_message_id\":null,"
                + "\"rate_limit_per_user\":0,\"parent_id\":\"" + parent + "\",\"flags\":0}";
    }

    static String message(String id, String channelId) {
        return "{\"id\":\"" + id + "\",\"channel_id\":\"" + channelId + "\",\"type\":0,\"content\":\"\",\"author\":"
                + "{\"id\":\"" + BOT + "\",\"username\":\"sitrep\",\"discriminator\":\"0\",\"avatar\":null,\"bot\":true},"
                + "\"attachments\":[],\"embeds\":[],\"mentions\":[],\"mention_roles\":[],\"pinned\":false,"
                + "\"mention_everyone\":false,\"tts\":false,\"timestamp\":\"2026-11-23T10:00:00.000000+00:00\","
                + "\"edited_timestamp\":null,\"flags\":0,\"components\":[]}";
    }

    @Override
    public void close() {
        server.stop();
    }
}
