package dev.sitrep.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.templates.TemplateRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Slack message as Block Kit: snapshots of each layout, escaping, limits, operator templates. */
class BlockKitTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member ALICE = new Member("slack", "U0ALICE", "alice");
    private static final String HOSTILE = "*bold* <!here> \"}] \u0000 `x` _i_ & <@U1>";

    private static BlockKit blockKit(@Nullable Path dir) {
        return new BlockKit(new TemplateRenderer(new SlackBlocksDialect(), dir), new TemplateRenderer(new SlackDialect(), dir));
    }

    private final BlockKit builtIn = blockKit(null);

    /** One snapshot per block layout (each built-in block template) and for the wrapped text messages. */
    @Test
    void everyBlockLayoutMatchesItsSnapshot() throws IOException {
        List<Message> messages = new ArrayList<>(BlockSamples.all());
        Incident incident = Incident.declare(new IncidentId(1), "Checkout errors", Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15));
        messages.add(new Messages.NoteAdded(incident, ALICE, "Rolled back web-7"));
        messages.add(new Messages.Snoozed(incident, ALICE, Duration.ofMinutes(15)));
        messages.add(new Messages.CommandRejected("Only the commander (alice) or an admin can resolve INC-1.",
                dev.sitrep.commands.Verb.RESOLVE, null));
        // Declared by an alert: nobody commands yet (never "Commander: sitrep"), and the kick-off lists the alerts.
        dev.sitrep.commands.incident.Alert alert = new dev.sitrep.commands.incident.Alert("", "fp1", true,
                java.util.Map.of("alertname", "CheckoutDown", "instance", "web-1"),
                java.util.Map.of("summary", "Checkout answers 502", "runbook_url", "https://runbooks.example/checkout"),
                T0.minus(Duration.ofMinutes(4)), null, "http://prometheus.example/graph", null);
        Incident fromAlert = Incident.declare(new IncidentId(2), "CheckoutDown", Severity.SEV2, false, Member.SITREP, T0,
                Duration.ofMinutes(30)).withAlerts(List.of(alert));
        messages.add(new Messages.Kickoff(fromAlert));
        messages.add(new Messages.Announcement(fromAlert, new dev.sitrep.commands.incident.ChannelRef("slack", "C2",
                "inc-2-checkoutdown")));
        dev.sitrep.commands.alert.AlertGroup group = new dev.sitrep.commands.alert.AlertGroup("Alertmanager",
                "{}:{alertname=\"DiskFilling\"}", java.util.Map.of("alertname", "DiskFilling"),
                java.util.Map.of("alertname", "DiskFilling"), java.util.Map.of(), null, List.of(alert));
        messages.add(new dev.sitrep.commands.message.AlertMessages.AlertTriage(group, group.title(), Severity.SEV3,
                "/incident start DiskFilling sev3", new IncidentId(3)));
        List<String> mismatched = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            BlockKit.Rendered rendered = builtIn.render(message);
            String actual = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(JsonParser.parseString(rendered.blocks())) + "\n--- text ---\n" + rendered.text() + "\n";
            Path file = Path.of("src/test/resources/BlockKitTest", String.format("%02d-%s.json", i, message.template()));
            if (Boolean.getBoolean("snapshots.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("snapshots.update")) {
                    mismatched.add(file + " (written; review and commit it)");
                }
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(actual)) {
                mismatched.add(file.toString());
            }
        }
        assertThat(mismatched).as("snapshots that differ (run with -Dsnapshots.update=true and review the diff)").isEmpty();
    }

    @Test
    void theMessagesWithButtonsCarryThemAsAnActionsBlock() {
        Incident incident = Incident.declare(new IncidentId(7), "Checkout errors", Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15));
        JsonArray blocks = JsonParser.parseString(builtIn.render(new Messages.Kickoff(incident)).blocks()).getAsJsonArray();
        JsonObject actions = blocks.get(blocks.size() - 1).getAsJsonObject();
        assertThat(actions.get("type").getAsString()).isEqualTo("actions");
        assertThat(actions.getAsJsonArray("elements").asList()).extracting(e -> e.getAsJsonObject().get("action_id").getAsString())
                .containsExactly("sitrep:post-update:7", "sitrep:take-command:7", "sitrep:resolve:7");
        assertThat(builtIn.render(new Messages.Topic(incident)).blocks()).doesNotContain("actions");
    }

    @Test
    void aHostileTitleBreaksNeitherTheJsonNorPingsAnyone() {
        Incident incident = Incident.declare(new IncidentId(7), HOSTILE, Severity.SEV1, false, ALICE, T0, Duration.ofMinutes(15));
        ActionItem item = new ActionItem(1, HOSTILE, ALICE, null, false, T0, ALICE);
        for (Message message : List.of(new Messages.Kickoff(incident), new Messages.Announcement(incident,
                new ChannelRef("slack", "C1", "inc-7")), new Messages.UpdatesEscalated(incident, 3, T0),
                new Messages.ActionAdded(incident.withActionItem(item), item), new Messages.NoteAdded(incident, ALICE, HOSTILE))) {
            BlockKit.Rendered rendered = builtIn.render(message);
            JsonArray blocks = JsonParser.parseString(rendered.blocks()).getAsJsonArray();
            List<String> texts = new ArrayList<>();
            collectTexts(blocks, "mrkdwn", texts);
            List<String> plain = new ArrayList<>();
            collectTexts(blocks, "plain_text", plain);
            assertThat(texts).as(message.template()).isNotEmpty().allSatisfy(text -> {
                assertThat(text).doesNotContain("<!here>", "<@U1>", "\u0000", "*bold*", "_i_", "`x`");
            });
            // The hostile text still shows, as typed: in mrkdwn with & < > escaped, in a plain_text header as is.
            assertThat(String.join("\n", texts) + String.join("\n", plain)).containsAnyOf("&lt;!here&gt;",
                    "*bold* <!here> \"}]  `x` _i_ & <@U1>");
            assertThat(rendered.text()).doesNotContain("<!here>", "<@U1>");
        }
        JsonObject header = JsonParser.parseString(builtIn.render(new Messages.Kickoff(incident)).blocks())
                .getAsJsonArray().get(0).getAsJsonObject();
        assertThat(header.getAsJsonObject("text").get("text").getAsString())
                .isEqualTo("INC-7 · SEV1 · *bold* <!here> \"}]  `x` _i_ & <@U1>");
    }

    @Test
    void longUserTextIsCutVisiblyWithinSlacksLimits() {
        String title = "t".repeat(200);
        Incident incident = Incident.declare(new IncidentId(7), title, Severity.SEV1, false, ALICE, T0, Duration.ofMinutes(15));
        JsonArray kickoff = JsonParser.parseString(builtIn.render(new Messages.Kickoff(incident)).blocks()).getAsJsonArray();
        String header = kickoff.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
        assertThat(header).hasSize(BlockLimits.MAX_HEADER_TEXT).endsWith("t…");

        String note = "<@U0ALICE> ".repeat(400);
        JsonArray noted = JsonParser.parseString(builtIn.render(new Messages.NoteAdded(incident, ALICE, note)).blocks())
                .getAsJsonArray();
        String section = noted.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
        assertThat(section.length()).isLessThanOrEqualTo(BlockLimits.MAX_SECTION_TEXT);
        assertThat(section).endsWith("…").doesNotContain("&lt…").doesNotContain("&…");
    }

    @Test
    void aCutNeverSplitsAMentionOrAnEntity() {
        assertThat(BlockLimits.cut("ab <@U0ALICE> cd", 8, true)).isEqualTo("ab …");
        assertThat(BlockLimits.cut("ab &amp; cd", 6, true)).isEqualTo("ab …");
        assertThat(BlockLimits.cut("abcdef", 4, false)).isEqualTo("abc…");
    }

    @Test
    void anOperatorTemplateRenderingInvalidBlocksFailsAtStartupByName(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("slack-blocks"));
        Files.writeString(dir.resolve("slack-blocks/kickoff.ftl"), "[{\"type\": \"section\", \"fields\": ["
                + "<#list 1..11 as i>{\"type\": \"mrkdwn\", \"text\": \"${i}\"}<#sep>,</#list>]}]");
        assertThatThrownBy(() -> blockKit(dir).checkOperatorTemplates(BlockSamples.all()))
                .hasMessageContaining("slack-blocks/kickoff.ftl").hasMessageContaining("11 fields");

        Files.writeString(dir.resolve("slack-blocks/kickoff.ftl"), "[{\"type\": \"section\", \"text\": ${incident.title}}]");
        assertThatThrownBy(() -> blockKit(dir).checkOperatorTemplates(BlockSamples.all()))
                .hasMessageContaining("slack-blocks/kickoff.ftl").hasMessageContaining("invalid JSON");

        Files.writeString(dir.resolve("slack-blocks/kickoff.ftl"), "[{\"type\": \"image\"}]");
        assertThatThrownBy(() -> blockKit(dir).checkOperatorTemplates(BlockSamples.all()))
                .hasMessageContaining("slack-blocks/kickoff.ftl").hasMessageContaining("type 'image'");
    }

    @Test
    void aValidOperatorTemplateIsUsed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("slack-blocks"));
        Files.writeString(dir.resolve("slack-blocks/kickoff.ftl"),
                "[{\"type\": \"section\", \"text\": {\"type\": \"mrkdwn\", \"text\": \"Ours: ${incident.title}\"}}]");
        BlockKit operators = blockKit(dir);
        operators.checkOperatorTemplates(BlockSamples.all());
        Incident incident = Incident.declare(new IncidentId(7), "a \"quoted\" *title*", Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15));
        JsonArray blocks = JsonParser.parseString(operators.render(new Messages.Kickoff(incident)).blocks()).getAsJsonArray();
        assertThat(blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
                .isEqualTo("Ours: a \"quoted\" \u200B*title\u200B*");
        assertThat(blocks.get(1).getAsJsonObject().get("type").getAsString()).isEqualTo("actions");
    }

    @Test
    void theClickedMessageLosesItsButtonsAndSaysWhatHappened() {
        Incident incident = Incident.declare(new IncidentId(7), "Checkout errors", Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15));
        JsonArray posted = JsonParser.parseString(builtIn.render(new Messages.UpdateOverdue(incident, 1, T0)).blocks())
                .getAsJsonArray();
        List<JsonObject> original = posted.asList().stream().map(JsonObject.class::cast).toList();
        JsonArray edited = JsonParser.parseString(BlockKit.afterClick(original, "Update posted by bob", T0)).getAsJsonArray();
        assertThat(edited.asList()).extracting(b -> b.getAsJsonObject().get("type").getAsString())
                .containsExactly("section", "context", "context");
        assertThat(edited.get(2).getAsJsonObject().getAsJsonArray("elements").get(0).getAsJsonObject().get("text").getAsString())
                .isEqualTo(":ballot_box_with_check: Update posted by bob <!date^1795428000^{date_short_pretty} {time}|2026-11-23 10:00 UTC>");
    }

    /** The text of every text object of {@code type} (in mrkdwn Slack formats and pings). */
    private static void collectTexts(com.google.gson.JsonElement element, String type, List<String> texts) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collectTexts(e, type, texts));
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("type") && type.equals(object.get("type").getAsString()) && object.has("text")
                    && object.get("text").isJsonPrimitive()) {
                texts.add(object.get("text").getAsString());
            }
            object.entrySet().forEach(e -> collectTexts(e.getValue(), type, texts));
        }
    }
}
