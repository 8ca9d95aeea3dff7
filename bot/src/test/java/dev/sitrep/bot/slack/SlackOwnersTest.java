package dev.sitrep.bot.slack;

import static dev.sitrep.bot.slack.FakeSlackApi.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.SitrepApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service's owners on Slack, end to end through the real bot and Bolt app against the strict
 * Slack stand-in: the members listed by id and the members of its user group
 * (usergroups.users.list, which needs the manifest's usergroups:read) are invited into the channel.
 */
class SlackOwnersTest {

    private static final String SECRET = "test-signing-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theOwnersUserGroupsMembersAreInvitedWithTheListedMembers() throws Exception {
        Path home = Files.createTempDirectory("sitrep-slack-owners");
        try (FakeSlackApi slack = new FakeSlackApi();
             ConfigurableApplicationContext bot = new SpringApplicationBuilder(SitrepApplication.class).run(
                     "--server.port=0",
                     "--sitrep.slack.bot-token=xoxb-test-token",
                     "--sitrep.slack.signing-secret=" + SECRET,
                     "--sitrep.slack.api-url=" + slack.url(),
                     "--sitrep.slack.broadcast-channel=CBROADCAST",
                     "--sitrep.slack.first-backoff=50ms",
                     "--sitrep.services.checkout.display-name=Checkout",
                     "--sitrep.services.checkout.owners.slack.members[0]=U3",
                     "--sitrep.services.checkout.owners.slack.group=S0614TZR7",
                     "--sitrep.local-redis.data-dir=" + home.resolve("redis"),
                     "--sitrep.postmortem.dir=" + home.resolve("postmortems"))) {
            slack.userGroup("S0614TZR7", "U2", "U4");
            slack.channelCreated("C100", "inc-1-checkout-errors");
            SignedSlackRequests requests = new SignedSlackRequests(
                    Integer.parseInt(bot.getEnvironment().getProperty("local.server.port")), SECRET);

            requests.command("U1", "alice", "CGENERAL", "start Checkout errors service:checkout", "T-start");

            await("the caller answered", WAIT, () -> slack.calls("chat.postEphemeral").stream()
                    .anyMatch(f -> f.get("text").startsWith("Declared INC-1")));
            await("the group's members invited", WAIT, () -> slack.calls("conversations.invite").stream()
                    .anyMatch(f -> "U2,U4".equals(f.get("users"))));
            assertThat(slack.calls("usergroups.users.list")).singleElement()
                    .satisfies(f -> assertThat(f).containsEntry("usergroup", "S0614TZR7"));
            assertThat(slack.calls("conversations.invite")).extracting(f -> f.get("channel") + " " + f.get("users"))
                    .containsExactlyInAnyOrder("C100 U1", "C100 U3", "C100 U2,U4");
            // The SDK writes booleans as 1, which Slack takes as true.
            assertThat(slack.calls("conversations.invite")).filteredOn(f -> "U2,U4".equals(f.get("users")))
                    .singleElement().satisfies(f -> assertThat(f).containsEntry("force", "1"));
        }
    }

    /** The stand-in grants only what the manifest asks for, and a method needing more is refused as Slack does. */
    @Test
    void aScopeTheManifestLacksIsRefusedMissingScope() {
        assertThat(SlackScopes.GRANTED).contains("usergroups:read", "channels:manage", "chat:write");
        assertThat(SlackScopes.missing("usergroups.users.list", SlackScopes.GRANTED)).isEmpty();
        assertThat(SlackScopes.missing("usergroups.users.list", java.util.Set.of("chat:write")))
                .contains("usergroups:read");
    }
}
