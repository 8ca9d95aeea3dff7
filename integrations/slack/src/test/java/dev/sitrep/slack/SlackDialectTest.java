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
        assertThat(dialect.mention(new Member("U42", "bob"))).isEqualTo("<@U42>");
        assertThat(dialect.mention(new Member("not-an-id", "<!here>"))).isEqualTo("@&lt;!here&gt;");
        assertThat(dialect.channel(new ChannelRef("slack", "C1", "inc-1"))).isEqualTo("<#C1>");
        assertThat(dialect.time(T0)).isEqualTo("<!date^1795428000^{date_short_pretty} {time}|2026-11-23 10:00 UTC>");
        assertThat(dialect.relative(T0)).isEqualTo("<!date^1795428000^{ago}|2026-11-23 10:00 UTC>");
    }

    @Test
    void aHostileTitlePingsNobody() {
        Incident incident = Incident.declare(new IncidentId(3), "<!channel> <!here|here> <@U1> & > down", Severity.SEV1,
                false, new Member("U9", "alice"), T0, Duration.ofMinutes(15));
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
}
