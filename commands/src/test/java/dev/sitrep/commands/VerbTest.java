package dev.sitrep.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Argument.Typed;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A new verb or argument is one change to {@link Verb}: the text parser, the usage line and the
 * reading of values by name (what platforms with typed options use) all take every argument of every
 * verb, and each argument reaches the command. Nothing here names a verb or an argument.
 */
class VerbTest {

    private final CommandParser parser = new CommandParser();

    /** A value each kind of argument accepts. */
    static String example(Argument argument) {
        return switch (argument.kind()) {
            case TEXT -> "checkout fails for " + argument.name();
            case CHOICE -> argument.choices().get(0);
            case MEMBER -> "@" + argument.name();
            case ROLE -> "comms";
            case VERB -> Verb.UPDATE.word();
            case SERVICE -> "checkout";
            case FLAG -> "true";
            case NUMBER -> "3";
            case DURATION -> "30m";
            case DATE -> "2026-12-01";
        };
    }

    /** Every argument of the verb but a form of its own ({@code action done <n>}), each with its example. */
    private static Map<Argument, String> full(Verb verb) {
        Map<Argument, String> values = new LinkedHashMap<>();
        verb.arguments().stream().filter(a -> a.typed() != Typed.ALONE).forEach(a -> values.put(a, example(a)));
        return values;
    }

    /** The values written as a user types them, each where its {@link Typed} says it stands. */
    static String typed(Verb verb, Map<Argument, String> values) {
        StringBuilder text = new StringBuilder("/incident ").append(verb.word());
        for (Typed typed : List.of(Typed.ALONE, Typed.WORD, Typed.REST, Typed.END, Typed.TAGGED)) {
            values.forEach((argument, value) -> {
                if (argument.typed() == typed) {
                    text.append(' ').append(switch (typed) {
                        case ALONE -> argument.name() + " " + value;
                        case END -> argument.kind() == Argument.Kind.FLAG ? argument.name() : value;
                        case TAGGED -> argument.name() + ":" + value;
                        default -> value;
                    });
                }
            });
        }
        String fields = values.entrySet().stream().filter(e -> e.getKey().typed() == Typed.FIELD)
                .map(e -> e.getKey().name() + ": " + e.getValue()).collect(Collectors.joining(" | "));
        return fields.isEmpty() ? text.toString() : text + " " + fields;
    }

    private static Map<String, String> byName(Map<Argument, String> values) {
        Map<String, String> byName = new HashMap<>();
        values.forEach((argument, value) -> byName.put(argument.name(), value));
        return byName;
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void typedTextAndValuesByNameMakeTheSameCommand(Verb verb) {
        List<Map<Argument, String>> forms = new java.util.ArrayList<>(List.of(full(verb)));
        verb.alone().ifPresent(a -> forms.add(Map.of(a, example(a))));
        for (Map<Argument, String> values : forms) {
            Parsed typed = parser.parse(typed(verb, values));
            assertThat(typed).as(typed(verb, values)).isInstanceOf(Parsed.Ok.class);
            assertThat(typed).as(typed(verb, values)).isEqualTo(verb.read(byName(values)));
        }
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void everyArgumentReachesTheCommandOrIsNamedWhenMissing(Verb verb) {
        Parsed whole = parser.parse(typed(verb, full(verb)));
        for (Argument argument : full(verb).keySet()) {
            Map<Argument, String> without = full(verb);
            without.remove(argument);
            Parsed parsed = parser.parse(typed(verb, without));
            if (argument.required()) {
                assertThat(parsed).as(argument.name()).isEqualTo(new Parsed.Invalid(argument.missing(), verb));
                assertThat(argument.missing()).contains(argument.usage().replaceAll("^\\[(.*)]$", "$1"));
            } else {
                assertThat(parsed).as(argument.name()).isInstanceOf(Parsed.Ok.class).isNotEqualTo(whole);
            }
        }
        verb.alone().ifPresent(a -> assertThat(parser.parse(typed(verb, Map.of(a, example(a))))).isNotEqualTo(whole));
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void everyArgumentIsInTheUsageLineAndABrokenValueGetsIt(Verb verb) {
        assertThat(verb.usage()).startsWith("/incident " + verb.word());
        for (Argument argument : verb.arguments()) {
            assertThat(verb.usage()).as(argument.name()).contains(argument.usage());
            if (argument.kind() != Argument.Kind.TEXT) {
                Map<String, String> broken = byName(full(verb));
                broken.put(argument.name(), "x".repeat(Argument.MAX_TEXT + 1));
                Parsed parsed = verb.read(broken);
                assertThat(parsed).as(argument.name()).isInstanceOf(Parsed.Invalid.class);
                assertThat(((Parsed.Invalid) parsed).verb()).isEqualTo(verb);
            }
        }
    }
}
