package dev.sitrep.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.StatusUpdate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every field of {@link UpdateField} reaches the parser, the usage line and the checks; a new field needs nothing else here. */
class UpdateFieldTest {

    private final CommandParser parser = new CommandParser();

    /** A value each kind of field accepts. */
    static String example(UpdateField field) {
        return switch (field.kind()) {
            case PARAGRAPH, LINE -> "checkout fails for " + field.key();
            case STATUS -> field.choices().get(0);
            case DURATION -> "30m";
            case YES_NO -> "yes";
        };
    }

    /** A value each kind of field refuses. */
    static String broken(UpdateField field) {
        return switch (field.kind()) {
            case PARAGRAPH, LINE -> "x".repeat(UpdateField.MAX_LENGTH + 1);
            case STATUS -> "sideways";
            case DURATION -> "8d";
            case YES_NO -> "maybe";
        };
    }

    @ParameterizedTest
    @EnumSource(UpdateField.class)
    void theTextParserTakesEveryFieldByItsKey(UpdateField field) {
        Parsed parsed = parser.parse("update " + field.key().toUpperCase() + ": " + example(field));
        assertThat(parsed).isInstanceOf(Parsed.Ok.class);
        UpdateFields fields = ((Command.PostUpdate) ((Parsed.Ok) parsed).command()).fields();
        assertThat(field.valueIn(fields)).isNotNull();
        for (UpdateField other : UpdateField.values()) {
            if (other != field) {
                assertThat(other.valueIn(fields)).as(other.key()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UpdateField.class)
    void everyFieldIsInTheUsageLineAndTheKickoffHint(UpdateField field) {
        String inline = field.key() + ": " + switch (field.kind()) {
            case DURATION -> "30m";
            case YES_NO -> "yes";
            default -> "…";
        };
        assertThat(Verb.UPDATE.usage()).contains(inline);
        assertThat(new dev.sitrep.commands.message.Messages.Kickoff(null).updateUsage()).contains(inline);
    }

    @ParameterizedTest
    @EnumSource(UpdateField.class)
    void aBrokenValueIsRefusedWithTheSameWordsTypedOrFromAForm(UpdateField field) {
        String problem = field.problem(broken(field)).orElseThrow();
        assertThat(problem).contains(field.kind() == UpdateField.Kind.STATUS ? "sideways" : field.key());
        Parsed typed = parser.parse("update " + field.key() + ": " + broken(field));
        Map<UpdateField, String> given = new EnumMap<>(Map.of(UpdateField.IMPACT, "checkout"));
        given.put(field, broken(field));
        Parsed form = UpdateFields.readForm(given);
        assertThat(typed).isEqualTo(new Parsed.Invalid(problem, Verb.UPDATE));
        assertThat(form).isEqualTo(typed);
        assertThat(field.problem(example(field))).isEmpty();
    }

    @Test
    void everyFieldGivenIsReadAndSummarizedForTheTimeline() {
        Map<UpdateField, String> all = new EnumMap<>(UpdateField.class);
        for (UpdateField field : UpdateField.values()) {
            all.put(field, "  " + example(field) + "  ");
        }
        UpdateFields fields = ((Command.PostUpdate) ((Parsed.Ok) UpdateFields.read(all)).command()).fields();
        StatusUpdate recorded = new StatusUpdate(Instant.EPOCH, new Member("slack", "U1", "ana"), fields.confirmed(),
                fields.suspected(), fields.verifying(), fields.actions(), fields.risk(), fields.impact(), fields.status(),
                fields.next(), fields.publicUpdate());
        for (UpdateField field : UpdateField.values()) {
            assertThat(field.valueIn(fields)).as(field.key()).isEqualTo(example(field));
            assertThat(field.valueIn(recorded)).as(field.key()).isEqualTo(example(field));
        }
    }

    @Test
    void aFormWithNothingButANextTimeIsRefusedButTheTypedCommandTakesIt() {
        assertThat(UpdateFields.readForm(Map.of(UpdateField.NEXT, "30m", UpdateField.IMPACT, " ")))
                .isEqualTo(new Parsed.Invalid(UpdateFields.EMPTY_FORM, Verb.UPDATE));
        assertThat(parser.parse("update next: 30m")).isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void publicTakesYesOrNoAndOnlyYesMakesTheRecordedUpdatePublic() {
        UpdateFields yes = ((Command.PostUpdate) ((Parsed.Ok) parser.parse("update impact: EU cannot pay | public: YES"))
                .command()).fields();
        assertThat(yes.publicUpdate()).isTrue();
        assertThat(yes.impact()).isEqualTo("EU cannot pay");
        UpdateFields no = ((Command.PostUpdate) ((Parsed.Ok) parser.parse("update impact: EU cannot pay | public: no"))
                .command()).fields();
        assertThat(no.publicUpdate()).isFalse();
        assertThat(parser.parse("update impact: x | public: maybe"))
                .isEqualTo(new Parsed.Invalid("'public: maybe' takes yes or no.", Verb.UPDATE));
        assertThat(UpdateFields.readForm(Map.of(UpdateField.PUBLIC, "yes")))
                .isEqualTo(new Parsed.Invalid(UpdateFields.EMPTY_FORM, Verb.UPDATE));
        assertThat(Verb.UPDATE.usage()).contains("public: yes");
    }

    @Test
    void snoozeAndNextShareTheOneDurationRuleAndItsMessage() {
        assertThat(parser.parse("snooze 8d")).isEqualTo(new Parsed.Invalid(DurationRule.problem("8d"), Verb.SNOOZE));
        assertThat(parser.parse("update next: 0s"))
                .isEqualTo(new Parsed.Invalid(DurationRule.problem("next: 0s"), Verb.UPDATE));
        assertThat(DurationRule.problem("8d")).isEqualTo("'8d' is not a duration between 1s and 7d (e.g. 30m, 1h).");
        assertThat(DurationRule.parse("7d")).isPresent();
        assertThat(DurationRule.parse("7d1s")).isEmpty();
    }
}
