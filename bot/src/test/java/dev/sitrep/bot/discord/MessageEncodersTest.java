package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.discord.DiscordChatPlatform;
import dev.sitrep.discord.DiscordDialect;
import dev.sitrep.discord.DiscordRest;
import dev.sitrep.discord.DiscordSettings;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replica holding the gateway posts through JDA, the others through DiscordRest: for every
 * kind of message sitrep says, both must put the same request on the wire. A real JDA client on the
 * fake gateway and DiscordRest post the same message with the same key to the same fake API, and
 * the two bodies it received are compared.
 */
class MessageEncodersTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member ALICE = new Member("discord", FakeDiscordGateway.ALICE, "alice");
    private static final Member BOB = new Member("discord", FakeDiscordGateway.BOB, "bob");
    private static final ChannelRef CHANNEL = new ChannelRef("discord", GENERAL, "general");

    private static FakeDiscordApi discord;
    private static FakeDiscordGateway gateway;
    private static JDA jda;

    @BeforeAll
    static void connect() throws Exception {
        discord = new FakeDiscordApi();
        gateway = new FakeDiscordGateway();
        gateway.start();
        jda = DiscordConfiguration.connect(new DiscordProperties("fake-discord-token", GUILD, "Incidents", "incidents",
                null, null, discord.url(), "ws://127.0.0.1:" + gateway.getPort(), 1, Duration.ofSeconds(15)));
        jda.awaitReady();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        jda.shutdownNow();
        gateway.stop();
        discord.close();
    }

    private static DiscordChatPlatform platform(Supplier<@Nullable JDA> client) {
        return new DiscordChatPlatform(client, new DiscordRest(discord.url(), "fake-discord-token", Duration.ofMillis(50)),
                new DiscordSettings(GUILD, "Incidents", "incidents", null, null, List.of("commander", "comms")),
                new TemplateRenderer(new DiscordDialect(), null), new TemplateRenderer(new MarkdownDialect(), null));
    }

    @Test
    void jdaAndRestSendTheSameBodyForEveryKindOfMessage() {
        List<Message> messages = everyKindOfMessage();
        assertThat(messages.stream().map(Object::getClass).distinct())
                .as("one of each message the engine can ask for")
                .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
        DiscordChatPlatform viaJda = platform(() -> jda);
        DiscordChatPlatform viaRest = platform(() -> null);

        for (Message message : messages) {
            String key = "encoders:" + message.getClass().getSimpleName();
            viaJda.post(CHANNEL, message, key);
            viaRest.post(CHANNEL, message, key);
        }

        Map<Object, List<Map<String, Object>>> byNonce = discord.bodies("POST", "channels/" + GENERAL + "/messages")
                .stream().map(MessageEncodersTest::withoutNulls)
                .collect(Collectors.groupingBy(b -> b.get("nonce"), LinkedHashMap::new, Collectors.toList()));
        assertThat(byNonce).hasSize(messages.size());
        byNonce.forEach((nonce, bodies) -> {
            assertThat(bodies).as("posted once each way with nonce " + nonce).hasSize(2);
            assertThat(bodies.get(1)).as("REST and JDA bodies for nonce " + nonce).isEqualTo(bodies.get(0));
        });
        assertThat(byNonce.values()).as("a ping goes the same way too")
                .anyMatch(b -> b.get(0).toString().contains("users=[" + FakeDiscordGateway.ALICE + "]"));
    }

    /** JDA writes {@code "poll": null} (no poll), which Discord reads as absent, as DiscordRest leaves it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(String json) {
        Map<String, Object> body = new LinkedHashMap<>(DataObject.fromJson(json).toMap());
        body.values().removeIf(v -> v == null);
        return body;
    }

    private static List<Message> everyKindOfMessage() {
        Incident declared = Incident.declare(new IncidentId(42), "Checkout @everyone errors", Severity.SEV1, false, ALICE,
                T0, Duration.ofMinutes(15)).withChannel(CHANNEL);
        StatusUpdate update = new StatusUpdate(T0.plusSeconds(240), ALICE, "checkout returns 502", "the deploy",
                "EU traffic", "retry payments", "dropped carts", "customers cannot pay", Status.IDENTIFIED,
                Duration.ofMinutes(20));
        ActionItem item = new ActionItem(1, "Add a canary stage", BOB, LocalDate.parse("2026-12-01"), false, T0, ALICE);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(T0, ALICE, TimelineEntry.Kind.DECLARED, "Declared SEV1"),
                new TimelineEntry(T0.plusSeconds(3600), ALICE, TimelineEntry.Kind.RESOLVED, "Resolved: rolled back"));
        Incident resolved = declared.withRole("comms", BOB).withUpdate(update, Duration.ofMinutes(15))
                .withActionItem(item).resolved("Rolled back", T0.plusSeconds(3600));
        Durations durations = Durations.of(resolved);
        Postmortem postmortem = new Postmortem(resolved, timeline, durations, T0.plusSeconds(3700));
        dev.sitrep.commands.incident.Alert alert = new dev.sitrep.commands.incident.Alert("g", "fp", false,
                Map.of("alertname", "CheckoutDown"), Map.of("summary", "Checkout answers 502"), T0, T0.plusSeconds(600),
                null, null);
        return List.of(
                // A service's owners role is called in its kick-off: both encoders must allow that role alone.
                new Messages.Kickoff(declared.withService(new dev.sitrep.commands.incident.ServiceOf("checkout",
                        "Checkout", null, Map.of("discord", FakeDiscordGateway.OWNERS_ROLE), null), List.of())),
                new Messages.Topic(declared),
                new Messages.Announcement(declared, CHANNEL),
                new Messages.RoleAssigned(declared, "comms", BOB, null, ALICE),
                new Messages.SeverityChanged(declared, Severity.SEV2, ALICE),
                new Messages.StatusChanged(declared, Status.INVESTIGATING, ALICE),
                new Messages.UpdatePosted(declared, update),
                new Messages.NoteAdded(declared, BOB, "<@" + FakeDiscordGateway.ALICE + "> EU looks fine"),
                new Messages.ActionAdded(declared, item),
                new Messages.ActionCompleted(declared, item, BOB, List.of()),
                new Messages.Snoozed(declared, ALICE, Duration.ofMinutes(30)),
                new Messages.UpdateOverdue(declared, 1, T0.plusSeconds(900)),
                new Messages.UpdatesEscalated(declared, 2, T0.plusSeconds(900)),
                new Messages.OverdueBroadcast(declared, 2, T0.plusSeconds(900)),
                new Messages.Resolved(resolved, durations, ALICE),
                new Messages.ResolvedBroadcast(resolved, durations),
                new Messages.Reopened(declared, ALICE),
                new Messages.PostmortemFiled(postmortem, List.of(new FiledDocument("github", "17",
                        "https://github.example/acme/ops/pull/17"))),
                new Messages.PostmortemFilingFailed(resolved, "confluence", "HTTP 401 from Confluence"),
                new Messages.PostmortemOverdue(resolved, resolved.actionItems(), T0.plusSeconds(7200)),
                new Messages.PostmortemCompleted(resolved, BOB),
                new Messages.OpenIncidents(List.of(declared)),
                new Messages.HelpText(null, Arrays.asList(Verb.values())),
                new Messages.CommandRejected("Unknown severity 'sev9'.", Verb.START, null),
                new Messages.CommandAccepted("Declared INC-42.", declared),
                postmortem,
                new dev.sitrep.commands.message.AlertMessages.AlertsChanged(declared.withAlerts(List.of(alert)),
                        "Alertmanager", List.of(), List.of(alert), true),
                new dev.sitrep.commands.message.AlertMessages.AlertTriage(new dev.sitrep.commands.alert.AlertGroup(
                        "Alertmanager", "{}:{alertname=\"CheckoutDown\"}", Map.of(), alert.labels(), Map.of(), null,
                        List.of(alert)), "CheckoutDown", Severity.SEV2, "/incident start CheckoutDown sev2",
                        new dev.sitrep.commands.incident.IncidentId(12)));
    }
}
