package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.SlackCalls;
import dev.sitrep.slack.SlackMemberDirectory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's Slack people lookup, through the real Slack SDK against a fake of
 * users.lookupByEmail that answers in the method's documented shapes
 * (https://api.slack.com/methods/users.lookupByEmail): {@code ok} with the user object, or
 * {@code ok: false} with {@code users_not_found} for an address nobody in the workspace has, and
 * {@code not_authed}/{@code missing_scope} to a token that may not ask.
 */
class SlackMemberDirectoryTest {

    static final String TOKEN = "xoxb-test-token";

    private final FakeSlackApi slack = new FakeSlackApi();
    private Slack sdk;
    private SlackMemberDirectory directory;

    @BeforeEach
    void start() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.url());
        config.getMethodsConfig().setStatsEnabled(false);
        sdk = Slack.getInstance(config);
        directory = new SlackMemberDirectory(sdk.methods(TOKEN),
                new SlackCalls(OutboundPolicy.of(1, Duration.ofMillis(10), Duration.ofSeconds(5))));
        // https://api.slack.com/methods/users.lookupByEmail: "users_not_found: Value passed for user was invalid."
        // (no user with that address); the method requires a token with users:read.email.
        slack.server.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).atPriority(4)
                .willReturn(okJson("{\"ok\":false,\"error\":\"users_not_found\"}")));
        slack.server.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).atPriority(3)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(containing("email=bob%40example.com"))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U0BOB\",\"team_id\":\"T0001\",\"name\":\"bob\","
                        + "\"deleted\":false,\"is_bot\":false,\"profile\":{\"email\":\"bob@example.com\"}}}")));
        slack.server.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).atPriority(3)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(containing("email=gone%40example.com"))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U0GONE\",\"team_id\":\"T0001\",\"name\":\"gone\","
                        + "\"deleted\":true,\"is_bot\":false}}")));
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    @Test
    void aWorkspaceMembersAddressIsTheirSlackAccount() {
        assertThat(directory.byEmail("bob@example.com")).contains(new Member("slack", "U0BOB", "bob"));
        assertThat(FakeSlackApi.form(slack.requests("users.lookupByEmail").get(0))).containsEntry("email", "bob@example.com");
    }

    @Test
    void anUnknownAddressOrADeactivatedAccountIsNobody() {
        assertThat(directory.byEmail("stranger@example.com")).isEmpty();
        assertThat(directory.byEmail("gone@example.com")).isEmpty();
    }

    @Test
    void aRefusedLookupIsNobodyRatherThanAFailedPage() {
        // A token without users:read.email (the method's "missing_scope" error).
        slack.server.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"users:read.email\"}")));
        assertThat(directory.byEmail("bob@example.com")).isEmpty();
    }
}
