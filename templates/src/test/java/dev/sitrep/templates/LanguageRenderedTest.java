package dev.sitrep.templates;

import static dev.sitrep.templates.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command language as users read it comes from its one definition: both messages that show an
 * update list every {@link UpdateField} it gives under the field's one label, and the help lists every
 * {@link Verb} with its derived usage line. A new field or verb shows up without touching a template.
 */
class LanguageRenderedTest {

    private final TemplateRenderer console = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, CLOCK), null);
    private final TemplateRenderer markdown = new TemplateRenderer(new MarkdownDialect(), null);

    @ParameterizedTest
    @EnumSource(Verb.class)
    void theHelpListsEveryVerbWithItsUsageAndSummaryAndEachAlone(Verb verb) {
        String all = console.render(new Messages.HelpText(null, List.of(Verb.values())));
        assertThat(all).contains(verb.usage()).contains(verb.summary());
        String one = console.render(new Messages.HelpText(verb, List.of(Verb.values())));
        assertThat(one).contains(verb.usage()).contains(verb.summary());
        verb.arguments().forEach(a -> assertThat(one).contains(a.usage() + " — " + a.description()));
    }

    @ParameterizedTest
    @EnumSource(UpdateField.class)
    void everyFieldIsInTheStatusUpdateAndThePostmortemUnderItsLabel(UpdateField field) {
        StatusUpdate update = Fixtures.update();
        Map<UpdateField, String> given = UpdateField.givenIn(update);
        assertThat(given).as("the fixture gives every field, so none is left out of this test").containsKey(field);
        Incident incident = Fixtures.declared().withUpdate(update, Duration.ofMinutes(15));

        String posted = console.render(new Messages.UpdatePosted(incident, update));
        String postmortem = markdown.render(new Postmortem(incident, Fixtures.timeline(),
                Durations.of(incident), CLOCK.instant()));

        assertThat(posted).contains("\n" + field.label() + ": " + given.get(field) + "\n");
        assertThat(postmortem).contains("\n- **" + field.label() + ":** " + given.get(field) + "\n");
    }
}
