package dev.sitrep.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import org.junit.jupiter.api.Test;

/** A form's private_metadata says where it was opened and, after a click, which message and button. */
class FormOriginTest {

    @Test
    void aClickedFormNamesItsMessageAndButton() {
        Button resolve = new Button(ButtonAction.RESOLVE, new IncidentId(7));
        FormOrigin origin = FormOrigin.of(FormOrigin.clicked("C100", "1700000000.000100", resolve).metadata());

        assertThat(origin.channelId()).isEqualTo("C100");
        assertThat(origin.messageTs()).isEqualTo("1700000000.000100");
        assertThat(origin.clickedButton()).contains(resolve);
        // https://api.slack.com/reference/surfaces/views: private_metadata is at most 3,000 characters.
        assertThat(FormOrigin.clicked("C" + "1".repeat(20), "1700000000.000100",
                new Button(ButtonAction.POST_UPDATE, new IncidentId(999_999_999_999_999_999L))).metadata()).hasSizeLessThan(3000);
    }

    @Test
    void aTypedFormAndOneOpenedBeforeFormsHadOriginsCarryTheChannelAlone() {
        assertThat(FormOrigin.of(FormOrigin.typed("C100").metadata())).isEqualTo(FormOrigin.typed("C100"));
        assertThat(FormOrigin.of("C100").clickedButton()).isEmpty();
        assertThat(FormOrigin.of("C100 1700000000.000100 sitrep:unknown:1").clickedButton()).isEmpty();
        assertThat(FormOrigin.of("C100 1700000000.000100 sitrep:unknown:1").channelId()).isEqualTo("C100");
    }
}
