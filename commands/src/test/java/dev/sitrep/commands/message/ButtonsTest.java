package dev.sitrep.commands.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.CommandParser;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ButtonsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member BOB = new Member("slack", "U0BOB", "bob");
    private static final Incident OPEN = Incident.declare(new IncidentId(7), "Checkout errors", Severity.SEV1, false,
            BOB, T0, java.time.Duration.ofMinutes(30));

    @Test
    void eachMessageCarriesTheButtonsTheIssueNames() {
        assertThat(labels(new Messages.Kickoff(OPEN))).containsExactly("Post update", "Take command", "Resolve");
        assertThat(labels(new Messages.UpdateOverdue(OPEN, 1, T0))).containsExactly("Post update", "Snooze 15m", "Take command");
        assertThat(labels(new Messages.UpdatesEscalated(OPEN, 3, T0))).containsExactly("Post update", "Snooze 15m", "Take command");
        ActionItem item = new ActionItem(3, "Add a canary", null, null, false, T0, BOB);
        assertThat(Buttons.of(new Messages.ActionAdded(OPEN, item))).extracting(Button::id)
                .containsExactly("sitrep:action-done:7:3");
        assertThat(labels(new Messages.PostmortemOverdue(OPEN, List.of(), T0))).containsExactly("Mark postmortem done");
        // The broadcast channel is no incident channel: a click there could not run as a command.
        assertThat(Buttons.of(new Messages.OverdueBroadcast(OPEN, 3, T0))).isEmpty();
        assertThat(Buttons.of(new Messages.Topic(OPEN))).isEmpty();
        // "All alerts resolved — resolve?" is answered with one click; a partial resolution asks nothing.
        assertThat(labels(new AlertMessages.AlertsChanged(OPEN, "Alertmanager", List.of(), List.of(), true)))
                .containsExactly("Resolve");
        assertThat(Buttons.of(new AlertMessages.AlertsChanged(OPEN, "Alertmanager", List.of(), List.of(), false))).isEmpty();
    }

    @Test
    void aResolvedIncidentsMessagesKeepOnlyTheFollowUpButtons() {
        Incident resolved = OPEN.resolved("fixed", T0.plusSeconds(60));
        assertThat(Buttons.of(new Messages.Kickoff(resolved))).isEmpty();
        assertThat(labels(new Messages.PostmortemOverdue(resolved, List.of(), T0))).containsExactly("Mark postmortem done");
    }

    @Test
    void everyIdReadsBackAsTheSameButton() {
        for (ButtonAction action : ButtonAction.values()) {
            Button button = new Button(action, new IncidentId(123456789012L), action == ButtonAction.ACTION_DONE ? 42 : 0);
            assertThat(Button.parse(button.id())).contains(button);
            // Discord's custom_id is at most 100 characters, Slack's action_id 255.
            assertThat(button.id()).hasSizeLessThanOrEqualTo(50).startsWith(Button.PREFIX);
        }
    }

    @Test
    void idsSitrepDidNotPostAreNotButtons() {
        assertThat(Button.parse("sitrep:launch-missiles:7")).isEmpty();
        assertThat(Button.parse("sitrep:action-done:7")).isEmpty();
        assertThat(Button.parse("sitrep:resolve:7:2")).isEmpty();
        assertThat(Button.parse("sitrep:resolve:0")).isEmpty();
        assertThat(Button.parse("other:resolve:7")).isEmpty();
        assertThat(Button.parse("sitrep:resolve:7 ")).isEmpty();
    }

    @Test
    void aClickRunsTheCommandTheSameWordsWouldType() {
        IncidentId id = new IncidentId(7);
        assertThat(command(ButtonAction.SNOOZE_15M, 0)).isEqualTo(typed("snooze 15m"));
        assertThat(command(ButtonAction.RESOLVE, 0)).isEqualTo(typed("resolve"));
        assertThat(command(ButtonAction.POST_UPDATE, 0)).isEqualTo(typed("update"));
        assertThat(command(ButtonAction.ACTION_DONE, 3)).isEqualTo(typed("action done 3"));
        assertThat(command(ButtonAction.POSTMORTEM_DONE, 0)).isEqualTo(typed("postmortem done"));
        assertThat(command(ButtonAction.TAKE_COMMAND, 0)).isEqualTo(typed("commander <@U0BOB>"));
        assertThat(new Button(ButtonAction.TAKE_COMMAND, id).command(new Member("console", "dev.ops", "dev.ops")))
                .isEqualTo(typed("commander @dev.ops"));
        assertThat(Arrays.stream(ButtonAction.values()).map(ButtonAction::id).distinct()).hasSize(ButtonAction.values().length);
    }

    @Test
    void theClickedMessageSaysWhatHappenedAndWho() {
        assertThat(new Clicked(new Button(ButtonAction.POST_UPDATE, new IncidentId(7)), BOB, T0).summary())
                .isEqualTo("Update posted by bob");
    }

    private static Command command(ButtonAction action, int item) {
        return new Button(action, new IncidentId(7), item).command(BOB);
    }

    private static Command typed(String text) {
        return ((Parsed.Ok) new CommandParser().parse(text)).command();
    }

    private static List<String> labels(Message message) {
        return Buttons.of(message).stream().map(Button::label).toList();
    }
}
