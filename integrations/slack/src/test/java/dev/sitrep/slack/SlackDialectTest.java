package dev.sitrep.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import dev.sitrep.testkit.MixedIncidents;
import org.junit.jupiter.api.Test;

class SlackDialectTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final SlackDialect dialect = new SlackDialect();
    private final TemplateRenderer renderer = new TemplateRenderer(dialect, null);

    @Test
    void slackControlCharactersInUserTextAreEscaped() {
        assertThat(SlackDialect.escape("<!channel> & <@U1> > x")).isEqualTo("&lt;!channel&gt; &amp; &lt;@U1&gt; &gt; x");
    }

    @Test
    void mentionsChannelsAndTimesAreSlackMarkup() {
        assertThat(dialect.mention(new Member("slack", "U42", "bob"))).isEqualTo("<@U42>");
        assertThat(dialect.mention(new Member("console", "not-an-id", "<!here>"))).isEqualTo("&lt;!here&gt;");
        assertThat(dialect.channel(new ChannelRef("slack", "C1", "inc-1"))).isEqualTo("<#C1>");
        assertThat(dialect.time(T0)).isEqualTo("<!date^1795428000^{date_short_pretty} {time}|2026-11-23 10:00 UTC>");
        assertThat(dialect.relative(T0)).isEqualTo("<!date^1795428000^{ago}|2026-11-23 10:00 UTC>");
    }

    @Test
    void aHostileTitlePingsNobody() {
        Incident incident = Incident.declare(new IncidentId(3), "<!channel> <!here|here> <@U1> & > down", Severity.SEV1,
                false, new Member("slack", "U9", "alice"), T0, Duration.ofMinutes(15));
        String text = renderer.render(new Messages.Announcement(incident, new ChannelRef("slack", "C7", "inc-3")));
        assertThat(text).isEqualTo("INC-3 (SEV1) declared: &lt;!channel&gt; &lt;!here|here&gt; &lt;@U1&gt; &amp; &gt; down\n"
                + "Commander: <@U9> · follow in <#C7>");
    }

    @Test
    void channelNameSuffixesStayWithinSlacksLimit() {
        assertThat(SlackChatPlatform.withSuffix("inc-1-checkout", "-2")).isEqualTo("inc-1-checkout-2");
        String longName = "inc-1-" + "x".repeat(74);
        assertThat(SlackChatPlatform.withSuffix(longName, "-10")).hasSize(80).endsWith("-10");
    }

    @Test
    void discordMembersAndChannelsAreWrittenAsPlainNames() {
        // All-digit Discord ids are valid Slack-looking tokens; as <@…>/<#…> they would point Slack readers at nobody.
        assertThat(dialect.mention(new Member("discord", "1213000000000000001", "bob"))).isEqualTo("bob");
        assertThat(dialect.channel(new ChannelRef("discord", "1577000000000000001", "inc-2-payments-api-down")))
                .isEqualTo("#inc-2-payments-api-down");
        assertThat(dialect.mention(new Member("discord", "1", "<@U1> & co"))).isEqualTo("&lt;@U1&gt; &amp; co");
    }

    @Test
    void theListOfAMixedSetLinksOnlySlacksOwnAndSaysWhereEachLives() {
        String text = renderer.render(new Messages.OpenIncidents(MixedIncidents.list()));
        assertThat(text).isEqualTo("""
                Open incidents:
                  INC-1 · SEV2 · investigating · Slack side · <#C0SLACK1> on Slack · commander <@U0ALICE>
                  INC-2 · SEV1 · investigating · Payments API down · #inc-2-payments-api-down on Discord · commander bob
                  INC-3 · SEV3 · investigating · (private, on Discord) · commander bob
                """.stripTrailing());
        assertThat(text).doesNotContain("<@1213").doesNotContain("<#1577");
    }
}
