package dev.sitrep.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import java.util.List;
import java.util.Map;

/**
 * The Resolve button's modal: the one argument of {@code resolve}, its summary, read back through
 * {@link Verb#read} like typed text.
 */
final class ResolveModal {

    static final String CALLBACK_ID = "incident_resolve";
    static final String SUMMARY = "summary";

    private ResolveModal() {
    }

    /** https://api.slack.com/surfaces/modals, with https://api.slack.com/reference/block-kit/blocks#input */
    static View view(Incident incident, FormOrigin origin) {
        String label = Verb.RESOLVE.arguments().get(0).description();
        return com.slack.api.model.view.Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(origin.metadata())
                .title(viewTitle(t -> t.type("plain_text").text("Resolve " + incident.id().label())))
                .submit(viewSubmit(s -> s.type("plain_text").text("Resolve")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(input(i -> i.blockId(SUMMARY).label(plainText(label))
                        .element(plainTextInput(p -> p.actionId(SUMMARY).multiline(true).maxLength(3000)))))));
    }

    /** {@code resolve <summary>} as submitted. */
    static Parsed command(ViewState state) {
        Map<String, ViewState.Value> values = state.getValues() == null ? null : state.getValues().get(SUMMARY);
        ViewState.Value value = values == null ? null : values.get(SUMMARY);
        String summary = value == null || value.getValue() == null ? "" : value.getValue();
        return Verb.RESOLVE.read(Map.of(SUMMARY, summary));
    }
}
