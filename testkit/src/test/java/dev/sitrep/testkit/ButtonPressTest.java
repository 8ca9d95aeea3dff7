package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Pressed;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.PrivateAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A button is a command like any other: same handler, same permission rules, same timeline entry. */
class ButtonPressTest {

    private static final IncidentId INC_1 = new IncidentId(1);

    private final EngineHarness h = EngineHarness.fresh();

    private ChannelRef started() {
        h.run("alice", GENERAL, "start Checkout errors sev1");
        h.platform.clear();
        return h.channelOf(1);
    }

    private Pressed press(String who, ChannelRef where, ButtonAction action) {
        return press(new Invocation(where, member(who)), new Button(action, INC_1));
    }

    private Pressed press(Invocation invocation, Button button) {
        return h.engine.press(invocation, button);
    }

    private static Member member(String who) {
        return new Member("console", who, who);
    }

    @Test
    void snoozeRunsAsTypedAndTheMessageSaysWhoClicked() {
        ChannelRef channel = started();

        Pressed pressed = press("alice", channel, ButtonAction.SNOOZE_15M);

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.DONE);
        assertThat(pressed.shown()).isEqualTo("Snoozed 15m by alice");
        assertThat(pressed.click()).hasValueSatisfying(c -> assertThat(c.at()).isEqualTo(EngineHarness.T0));
        assertThat(h.incident(1).nextUpdateDue()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(15)));
        assertThat(h.platform.sent(Messages.Snoozed.class)).singleElement()
                .satisfies(s -> assertThat(s.by().id()).isEqualTo("alice"));
        assertThat(h.store.timeline(INC_1)).last().satisfies(e -> {
            assertThat(e.actor().id()).isEqualTo("alice");
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.SNOOZE);
        });
    }

    @Test
    void aNonCommandersResolveGetsTheSameRefusalAsTypedText() {
        ChannelRef channel = started();
        h.run("bob", channel, "resolve");
        List<Messages.CommandRejected> typed = List.copyOf(h.platform.rejections());
        h.platform.clear();

        Pressed pressed = press("bob", channel, ButtonAction.RESOLVE);

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.REFUSED);
        assertThat(pressed.shown()).isNull();
        assertThat(typed).singleElement().satisfies(r -> assertThat(r.problem())
                .isEqualTo("Only the commander (alice) or an admin can resolve INC-1."));
        assertThat(h.platform.rejections()).isEqualTo(typed);
        assertThat(h.incident(1).isOpen()).isTrue();
    }

    @Test
    void resolveAsksForTheSummaryWhereTheAnswerCanOpenAForm() {
        ChannelRef channel = started();
        List<Incident> forms = new ArrayList<>();
        PrivateAnswer answer = new PrivateAnswer() {
            @Override
            public void send(dev.sitrep.commands.message.Message message) {
                throw new AssertionError("unexpected answer " + message);
            }

            @Override
            public boolean openResolveForm(Incident incident) {
                forms.add(incident);
                return true;
            }
        };

        Pressed pressed = press(new Invocation(channel, member("alice"), answer), new Button(ButtonAction.RESOLVE, INC_1));

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.FORM_OPENED);
        assertThat(forms).extracting(Incident::id).containsExactly(INC_1);
        assertThat(h.incident(1).isOpen()).isTrue();
    }

    @Test
    void withoutAFormResolveResolvesAndTakeCommandHandsOver() {
        ChannelRef channel = started();

        assertThat(press("root", channel, ButtonAction.TAKE_COMMAND).shown()).isEqualTo("Command taken by root");
        assertThat(h.incident(1).commander()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("root"));
        assertThat(press("root", channel, ButtonAction.RESOLVE).shown()).isEqualTo("Resolved by root");
        assertThat(h.incident(1).isOpen()).isFalse();
    }

    @Test
    void aButtonOfAResolvedIncidentIsAnsweredThatItIsResolved() {
        ChannelRef channel = started();
        h.run("alice", channel, "resolve fixed");
        h.platform.clear();

        Pressed pressed = press("alice", channel, ButtonAction.SNOOZE_15M);

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.INCIDENT_RESOLVED);
        assertThat(pressed.shown()).isEqualTo("INC-1 is resolved");
        assertThat(h.platform.rejections()).as("a late click is no mistake: no usage or help line").isEmpty();
        assertThat(h.platform.sent(Messages.CommandAccepted.class)).extracting(Messages.CommandAccepted::text)
                .containsExactly("INC-1 is resolved.");
        assertThat(h.platform.sent(Messages.Snoozed.class)).isEmpty();

        // Follow-ups still work after resolution.
        assertThat(press("alice", channel, ButtonAction.POSTMORTEM_DONE).outcome()).isEqualTo(Pressed.Outcome.DONE);
        assertThat(h.incident(1).postmortemDone()).isTrue();
    }

    @Test
    void actionDoneClosesThatItem() {
        ChannelRef channel = started();
        h.run("alice", channel, "action Add a canary");

        Pressed pressed = press(new Invocation(channel, member("bob")), new Button(ButtonAction.ACTION_DONE, INC_1, 1));

        assertThat(pressed.shown()).isEqualTo("Done by bob");
        assertThat(h.incident(1).actionItem(1)).hasValueSatisfying(i -> assertThat(i.done()).isTrue());
    }

    @Test
    void aSubmittedResolveFormResolvesAndTheClickedMessageSaysWhoDid() {
        ChannelRef channel = started();
        Button resolve = new Button(ButtonAction.RESOLVE, INC_1);

        Pressed pressed = h.engine.submit(new Invocation(channel, member("alice")), resolve,
                new dev.sitrep.commands.Command.Resolve("Rolled back"));

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.DONE);
        assertThat(pressed.shown()).isEqualTo("Resolved by alice");
        assertThat(h.incident(1).isOpen()).isFalse();
        assertThat(h.platform.sent(Messages.Resolved.class)).singleElement().asString().contains("Rolled back");
    }

    @Test
    void aSubmittedFormGetsTheSameRefusalAndLeavesTheMessage() {
        ChannelRef channel = started();

        Pressed pressed = h.engine.submit(new Invocation(channel, member("bob")), new Button(ButtonAction.RESOLVE, INC_1),
                new dev.sitrep.commands.Command.Resolve("Rolled back"));

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.REFUSED);
        assertThat(pressed.shown()).isNull();
        assertThat(h.platform.rejections()).extracting(Messages.CommandRejected::problem).singleElement().asString()
                .startsWith("Only the commander (alice) or an admin can resolve INC-1.");
        assertThat(h.incident(1).isOpen()).isTrue();
    }

    @Test
    void anUpdateFormSubmittedAfterTheResolutionIsAnsweredThatItIsResolved() {
        ChannelRef channel = started();
        h.run("alice", channel, "resolve fixed");
        h.platform.clear();
        dev.sitrep.commands.Command update = ((dev.sitrep.commands.Parsed.Ok) dev.sitrep.commands.UpdateFields.readForm(
                java.util.Map.of(dev.sitrep.commands.UpdateField.values()[0], "late news"))).command();

        Pressed pressed = h.engine.submit(new Invocation(channel, member("alice")),
                new Button(ButtonAction.POST_UPDATE, INC_1), update);

        assertThat(pressed.outcome()).isEqualTo(Pressed.Outcome.INCIDENT_RESOLVED);
        assertThat(h.platform.sent(Messages.UpdatePosted.class)).isEmpty();
    }

    @Test
    void onlyAFormOfTheButtonCanBeSubmittedForIt() {
        ChannelRef channel = started();

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> h.engine.submit(
                new Invocation(channel, member("alice")), new Button(ButtonAction.POST_UPDATE, INC_1),
                new dev.sitrep.commands.Command.Resolve("no")));
        assertThat(h.incident(1).isOpen()).isTrue();
    }
}
