package dev.sitrep.discord;

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

class DiscordDialectTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member ALICE = new Member("discord", "500000000000000001", "alice");
    private static final Member BOB = new Member("discord", "500000000000000002", "bob");
    private final DiscordDialect dialect = new DiscordDialect();

    private static Incident incident(String title) {
        return Incident.declare(new IncidentId(4), title, Severity.SEV2, false, ALICE, T0, Duration.ofMinutes(30));
    }

    @Test
    void markdownAndMentionsInUserTextAreEscaped() {
        assertThat(DiscordDialect.escape("@everyone <@1> **bold** `code` > quote # h ~~s~~ ||spoiler||"))
                .isEqualTo("\\@everyone \\<\\@1\\> \\*\\*bold\\*\\* \\`code\\` \\> quote \\# h \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|");
        assertThat(DiscordDialect.escape("ok\u0000\u001b[2J")).isEqualTo("ok\\[2J");
    }

    @Test
    void sitrepsOwnMarkupIsDiscords() {
        assertThat(dialect.mention(ALICE)).isEqualTo("<@500000000000000001>");
        assertThat(dialect.mention(new Member("console", "alice", "@here"))).isEqualTo("\\@here");
        assertThat(dialect.channel(new ChannelRef("discord", "610000000000000001", "inc-4"))).isEqualTo("<#610000000000000001>");
        assertThat(dialect.time(T0)).isEqualTo("<t:1795428000:f>");
        assertThat(dialect.relative(T0)).isEqualTo("<t:1795428000:R>");
    }

    @Test
    void aHostileTitleRendersInert() {
        String text = new TemplateRenderer(dialect, null).render(new Messages.Announcement(incident("@everyone <@&9> down"),
                new ChannelRef("discord", "610000000000000001", "inc-4")));
        assertThat(text).isEqualTo("INC-4 (SEV2) declared: \\@everyone \\<\\@&9\\> down\n"
                + "Commander: <@500000000000000001> · follow in <#610000000000000001>");
    }

    @Test
    void onlyTheMeantPersonIsPinged() {
        Incident incident = incident("DB down");
        assertThat(MessageComposer.pings(new Messages.UpdateOverdue(incident, 1, T0))).containsExactly(ALICE.id());
        assertThat(MessageComposer.pings(new Messages.RoleAssigned(incident, "comms", BOB, null, ALICE)))
                .containsExactly(BOB.id());
        assertThat(MessageComposer.pings(new Messages.Announcement(incident, new ChannelRef("discord", "1", "x")))).isEmpty();
        assertThat(MessageComposer.pings(new Messages.NoteAdded(incident, BOB, "<@500000000000000001>"))).isEmpty();
    }

    @Test
    void reminderNoncesAreStableShortAndDistinct() {
        String a = DiscordMessage.nonce("reminder:1:1795428000000:1:discord");
        assertThat(a).hasSize(25).isEqualTo(DiscordMessage.nonce("reminder:1:1795428000000:1:discord"));
        assertThat(DiscordMessage.nonce("reminder:1:1795428000000:2:discord")).isNotEqualTo(a);
    }

    @Test
    void embedsAreColouredBySeverity() {
        assertThat(MessageComposer.color(incident("x"))).isEqualTo(0xE67E22);
        assertThat(MessageComposer.color(incident("x").resolved(null, T0))).isEqualTo(0x2ECC71);
        assertThat(MessageComposer.color(null)).isEqualTo(0x5865F2);
    }

    @Test
    void slackMembersAndChannelsAreWrittenAsPlainNames() {
        assertThat(dialect.mention(new Member("slack", "U0ALICE", "alice"))).isEqualTo("alice");
        assertThat(dialect.channel(new ChannelRef("slack", "C0SLACK1", "inc-1-slack-side"))).isEqualTo("#inc-1-slack-side");
        assertThat(dialect.mention(new Member("slack", "U1", "@everyone"))).isEqualTo("\\@everyone");
    }

    @Test
    void theListOfAMixedSetLinksOnlyDiscordsOwnAndSaysWhereEachLives() {
        String text = new TemplateRenderer(dialect, null).render(new Messages.OpenIncidents(MixedIncidents.list()));
        assertThat(text).isEqualTo("""
                Open incidents:
                  INC-1 · SEV2 · investigating · Slack side · #inc-1-slack-side on Slack · commander alice
                  INC-2 · SEV1 · investigating · Payments API down · <#1577000000000000001> on Discord · commander <@1213000000000000001>
                  INC-3 · SEV3 · investigating · (private, on Discord) · commander <@1213000000000000001>
                """.stripTrailing());
    }
}
