package dev.sitrep.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica without the gateway: DiscordChatPlatform with no JDA posts through DiscordRest, and
 * what goes over the wire is checked against WireMock standing in for Discord.
 */
class RestOnlyDiscordTest {

    private static final String GUILD = "100000000000000001";
    private static final String CHANNEL = "610000000000000001";
    private static final String BROADCAST = "300000000000000001";
    private static final String ALICE = "500000000000000001";

    private final DiscordRetryAfter rateLimit = new DiscordRetryAfter();
    private final WireMockServer discord = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .extensions(rateLimit));
    private final Incident incident;
    private final DiscordChatPlatform platform;

    RestOnlyDiscordTest() {
        discord.start();
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))
                .willReturn(okJson("{\"id\":\"700000000000000001\"}")));
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + BROADCAST + "/messages"))
                .willReturn(okJson("{\"id\":\"700000000000000002\"}")));
        discord.stubFor(get(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/channels")).willReturn(okJson("""
                [{"id":"200000000000000001","type":4,"name":"Incidents"},
                 {"id":"300000000000000009","type":2,"name":"incidents"},
                 {"id":"%s","type":0,"name":"Incidents"}]""".formatted(BROADCAST))));
        discord.stubFor(patch(urlPathEqualTo("/api/v10/channels/" + CHANNEL)).willReturn(okJson("{}")));
        incident = Incident.declare(new IncidentId(7), "Checkout @everyone down", Severity.SEV1, false,
                        new Member("discord", ALICE, "alice"), Instant.parse("2026-11-23T10:00:00Z"), Duration.ofMinutes(15))
                .withChannel(new ChannelRef("discord", CHANNEL, "inc-7-checkout"));
        platform = new DiscordChatPlatform(() -> null, rest(), new DiscordSettings(GUILD, "Incidents", "#incidents",
                null, null, List.of("commander")), new TemplateRenderer(new DiscordDialect(), null),
                new TemplateRenderer(new MarkdownDialect(), null));
    }

    private DiscordRest rest() {
        return new DiscordRest("http://127.0.0.1:" + discord.port() + "/api/v10/", "fake-token", Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        discord.stop();
    }

    private DataObject onlyBody(String path) {
        List<LoggedRequest> requests = discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/" + path)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bot fake-token");
        return DataObject.fromJson(requests.get(0).getBodyAsString());
    }

    @Test
    void aReminderIsTheSameEmbedJdaWouldSendWithItsNonceAndOnlyTheCommanderPinged() {
        var posted = platform.post(incident.channelOn("discord").orElseThrow(),
                new Messages.UpdateOverdue(incident, 1, incident.nextUpdateDue()), "reminder:7:123:1:discord");

        assertThat(posted.id()).isEqualTo("700000000000000001");
        DataObject body = onlyBody("channels/" + CHANNEL + "/messages");
        DataObject embed = body.getArray("embeds").getObject(0);
        assertThat(embed.getString("title")).isEqualTo("INC-7");
        assertThat(embed.getInt("color")).isEqualTo(0xE74C3C);
        assertThat(embed.getString("description")).contains("update was due");
        assertThat(body.getString("content")).isEqualTo("<@" + ALICE + ">");
        assertThat(body.getObject("allowed_mentions").getArray("parse").length()).isZero();
        assertThat(body.getObject("allowed_mentions").getArray("users").getString(0)).isEqualTo(ALICE);
        assertThat(body.getString("nonce")).isEqualTo(DiscordMessage.nonce("reminder:7:123:1:discord")).hasSize(25);
        assertThat(body.getBoolean("enforce_nonce")).isTrue();
    }

    @Test
    void theBroadcastChannelIsFoundByNameAmongTextChannelsOnce() {
        platform.announce(new Messages.OverdueBroadcast(incident, 2, incident.nextUpdateDue()), "k1");
        platform.announce(new Messages.OverdueBroadcast(incident, 3, incident.nextUpdateDue()), "k2");

        assertThat(discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + BROADCAST + "/messages"))))
                .hasSize(2);
        assertThat(discord.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/channels")).build()).getCount())
                .as("looked up once").isEqualTo(1);
    }

    @Test
    void aReplacedBroadcastChannelIsLookedUpAgainAfterTheFirstFailure() {
        platform.announce(new Messages.OverdueBroadcast(incident, 2, incident.nextUpdateDue()), "k1");
        // An admin deleted #incidents and made a new one.
        String replacement = "300000000000000007";
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + BROADCAST + "/messages")).willReturn(aResponse()
                .withStatus(404).withBody("{\"message\":\"Unknown Channel\",\"code\":10003}")));
        discord.stubFor(get(urlPathEqualTo("/api/v10/guilds/" + GUILD + "/channels")).willReturn(okJson(
                "[{\"id\":\"" + replacement + "\",\"type\":0,\"name\":\"incidents\"}]")));
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + replacement + "/messages"))
                .willReturn(okJson("{\"id\":\"700000000000000003\"}")));

        assertThatThrownBy(() -> platform.announce(new Messages.OverdueBroadcast(incident, 3, incident.nextUpdateDue()),
                "k2")).isInstanceOf(PlatformFailure.class).hasMessageContaining("Unknown Channel");
        platform.announce(new Messages.OverdueBroadcast(incident, 3, incident.nextUpdateDue()), "k2");

        assertThat(discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + replacement + "/messages"))))
                .hasSize(1);
    }

    @Test
    void theTopicIsSetByPatch() {
        platform.setTopic(incident.channelOn("discord").orElseThrow(), new Messages.Topic(incident));
        var patches = discord.findAll(patchRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL)));
        assertThat(patches).hasSize(1);
        assertThat(DataObject.fromJson(patches.get(0).getBodyAsString()).getString("topic")).contains("SEV1");
    }

    @Test
    void rateLimitsAreWaitedOutForAsLongAsDiscordSays() {
        // Refused again when retried within retry_after, as Discord does.
        rateLimit.arm("/api/v10/channels/" + CHANNEL + "/messages", 0.8);
        var posted = platform.post(incident.channelOn("discord").orElseThrow(), new Messages.UpdateOverdue(incident, 1,
                incident.nextUpdateDue()), "k");

        assertThat(posted.id()).isEqualTo("700000000000000001");
        assertThat(rateLimit.earlyRequests()).as("requests before retry_after had passed").isZero();
        assertThat(discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))))
                .as("the refused post and its one retry").hasSize(2);
    }

    @Test
    void aRefusalIsNamedAndNotRetriedAndServerErrorsAreRetried() {
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages")).willReturn(aResponse()
                .withStatus(403).withBody("{\"message\":\"Missing Access\",\"code\":50001}")));
        assertThatThrownBy(() -> platform.post(incident.channelOn("discord").orElseThrow(),
                new Messages.UpdateOverdue(incident, 1, incident.nextUpdateDue()), "k"))
                .isInstanceOf(PlatformFailure.class)
                .hasMessageContaining("HTTP 403 Missing Access").hasMessageContaining("grant sitrep's role");
        assertThat(discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))))
                .hasSize(1);

        discord.resetRequests();
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))
                .willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> platform.post(incident.channelOn("discord").orElseThrow(),
                new Messages.UpdateOverdue(incident, 1, incident.nextUpdateDue()), "k"))
                .isInstanceOf(PlatformFailure.class).hasMessageContaining("failed after 4 attempts: HTTP 502");
        assertThat(discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))))
                .hasSize(4);
    }

    /** Every post carries a nonce with enforce_nonce, so the retry of a 500 returns the message instead of doubling it. */
    @Test
    void aServerErrorOnAPostWithoutAKeyIsRetriedWithTheSameEnforcedNonce() {
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages")).inScenario("500")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"500: Internal Server Error\",\"code\":0}")));
        discord.stubFor(post(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages")).inScenario("500")
                .whenScenarioStateIs("failed once").willReturn(okJson("{\"id\":\"700000000000000003\"}")));

        var posted = platform.post(incident.channelOn("discord").orElseThrow(), new Messages.Kickoff(incident));

        assertThat(posted.id()).isEqualTo("700000000000000003");
        List<DataObject> attempts = discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL
                + "/messages"))).stream().map(r -> DataObject.fromJson(r.getBodyAsString())).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts).allSatisfy(b -> assertThat(b.getBoolean("enforce_nonce")).isTrue());
        assertThat(attempts.get(0).getString("nonce")).hasSize(25).isEqualTo(attempts.get(1).getString("nonce"));
    }

    /** The README's invite link carries the permissions integer computed from the one list in the code. */
    @Test
    void theReadmeInviteLinkGrantsEveryPermissionSitrepUses() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../../README.md"));
        assertThat(readme).contains("scope=bot%20applications.commands&permissions=" + DiscordPermissions.raw() + "\n");
        assertThat(DiscordPermissions.raw() & (1L << 51)).as("Pin Messages").isNotZero();
        assertThat(DiscordPermissions.raw() & (1L << 15)).as("Attach Files").isNotZero();
        DiscordPermissions.NEEDED.keySet().forEach(p -> assertThat(readme).contains(p == net.dv8tion.jda.api.Permission
                .MESSAGE_HISTORY ? "Read Message History" : p.getName()));
    }

    @Test
    void whatNeedsTheGatewaySaysSoInsteadOfFailingObscurely() {
        assertThatThrownBy(() -> platform.openChannel("inc-8-db", false))
                .isInstanceOf(PlatformFailure.class).hasMessageContaining("does not hold the Discord gateway");
        assertThat(discord.getAllServeEvents()).isEmpty();
    }

    @Test
    void theTokenTravelsOnlyInTheAuthorizationHeader() {
        platform.post(incident.channelOn("discord").orElseThrow(), new Messages.UpdateOverdue(incident, 1,
                incident.nextUpdateDue()), "k");
        LoggedRequest request = discord.findAll(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL
                + "/messages"))).get(0);
        assertThat(request.getUrl()).doesNotContain("fake-token");
        assertThat(request.getBodyAsString()).doesNotContain("fake-token");
        discord.verify(postRequestedFor(urlPathEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))
                .withHeader("Content-Type", equalTo("application/json")));
    }
}
