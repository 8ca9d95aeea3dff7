package dev.sitrep.templates;

import static dev.sitrep.templates.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both messages that show an update list every {@link UpdateField} it gives, under the field's one
 * label: a new field shows up in them without touching a template.
 */
class UpdateFieldsRenderedTest {

    private final TemplateRenderer console = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, CLOCK), null);
    private final TemplateRenderer markdown = new TemplateRenderer(new MarkdownDialect(), null);

    @ParameterizedTest
    @EnumSource(UpdateField.class)
    void everyFieldIsInTheStatusUpdateAndThePostmortemUnderItsLabel(UpdateField field) {
        StatusUpdate update = Fixtures.update();
        Map<UpdateField, String> given = UpdateField.givenIn(update);
        assertThat(given).as("the fixture gives every field, so none is left out of this test").containsKey(field);
        Incident incident = Fixtures.declared().withUpdate(update, Duration.ofMinutes(15));

        String posted = console.render(new Messages.UpdatePosted(incident, update));
        String postmortem = markdown.render(new Postmortem(incident, Fixtures.timeline(),
                Durations.from(Fixtures.timeline()), CLOCK.instant()));

        assertThat(posted).contains("\n" + field.label() + ": " + given.get(field) + "\n");
        assertThat(postmortem).contains("\n- **" + field.label() + ":** " + given.get(field) + "\n");
    }
}
