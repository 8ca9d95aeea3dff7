package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Pressed;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.PrivateAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code IncidentEngine.submit}: the command a click's form was filled in with runs as typed text
 * would, and answers as the click itself would have: the clicked message shows who did it, or the
 * clicker is refused privately and the buttons stay.
 */
class FormSubmitTest {

    private static final IncidentId INC_1 = new IncidentId(1);
    private static final Button RESOLVE = new Button(ButtonAction.RESOLVE, INC_1);

    private final EngineHarness h = EngineHarness.fresh();

    /** An answer that can open forms, as the console's and Slack's can. */
    private static final class FormAnswer implements PrivateAnswer {
        final List<Message> sent = new ArrayList<>();
        final List<Incident> resolveForms = new ArrayList<>();

        @Override
        public void send(Message message) {
            sent.add(message);
        }

        @Override
        public boolean openResolveForm(Incident incident) {
            resolveForms.add(incident);
            return true;
        }
    }

    private ChannelRef started() {
        h.run("alice", GENERAL, "start Checkout errors sev1");
        h.platform.clear();
        return h.channelOf(1);
    }

    private static Member member(String who) {
        return new Member("console", who, who);
    }

    @Test
    void theFilledInFormRunsItsCommandAndTheMessageSaysWhoDidIt() {
        ChannelRef channel = started();
        FormAnswer answer = new FormAnswer();
        Invocation alice = new Invocation(channel, member("alice"), answer);

        Pressed opened = h.engine.press(alice, RESOLVE);
        assertThat(opened.outcome()).isEqualTo(Pressed.Outcome.FORM_OPENED);
        assertThat(answer.resolveForms).singleElement().extracting(Incident::id).isEqualTo(INC_1);
        assertThat(h.incident(1).isOpen()).as("opening the form changes nothing").isTrue();

        Pressed submitted = h.engine.submit(alice, RESOLVE, new Command.Resolve("Rolled back deploy 4.2"));

        assertThat(submitted.outcome()).isEqualTo(Pressed.Outcome.DONE);
        assertThat(submitted.shown()).isEqualTo("Resolved by alice");
        assertThat(submitted.click()).hasValueSatisfying(c -> assertThat(c.at()).isEqualTo(EngineHarness.T0));
        assertThat(h.incident(1).isOpen()).isFalse();
        assertThat(h.store.timeline(INC_1)).filteredOn(e -> e.kind() == TimelineEntry.Kind.RESOLVED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor().id()).isEqualTo("alice");
                    assertThat(e.text()).isEqualTo("Resolved: Rolled back deploy 4.2");
                });
    }

    @Test
    void aFormSubmittedBySomeoneWhoMayNotIsRefusedAndTheButtonsStay() {
        ChannelRef channel = started();
        FormAnswer answer = new FormAnswer();

        Pressed submitted = h.engine.submit(new Invocation(channel, member("bob"), answer), RESOLVE,
                new Command.Resolve("Rolled back deploy 4.2"));

        assertThat(submitted.outcome()).isEqualTo(Pressed.Outcome.REFUSED);
        assertThat(submitted.shown()).isNull();
        assertThat(answer.sent).singleElement().asString()
                .contains("Only the commander (alice) or an admin can resolve INC-1.");
        assertThat(h.incident(1).isOpen()).isTrue();
    }
}
