package dev.sitrep.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import gnu.trove.map.hash.TLongObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every option of every {@code /incident} subcommand is read into the same values the text parser
 * picks out of typed text ({@code VerbTest} in commands proves those make the same command), so a new
 * verb or argument needs nothing here or in {@link DiscordOptions}.
 */
class DiscordOptionsTest {

    private static final String USER_ID = "123456789012345678";

    /** A value each kind of argument accepts, as it is typed. */
    private static String example(Argument argument) {
        return switch (argument.kind()) {
            case TEXT -> "checkout fails for " + argument.name();
            case CHOICE -> argument.choices().get(0);
            case MEMBER -> "<@" + USER_ID + ">";
            case ROLE -> "comms";
            case VERB -> Verb.UPDATE.word();
            case SERVICE -> "checkout";
            case FLAG -> "true";
            case NUMBER -> "3";
            case DURATION -> "30m";
            case DATE -> "2026-12-01";
        };
    }

    /**
     * The option as Discord sends it in INTERACTION_CREATE: type 3 string, 4 integer, 5 boolean, 6 user
     * (whose value is the user's id)
     * (https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-type).
     */
    private static OptionMapping option(Argument argument, String typed) {
        DataObject data = DataObject.empty().put("name", argument.name());
        switch (argument.kind()) {
            case MEMBER -> data.put("type", 6).put("value", USER_ID);
            case FLAG -> data.put("type", 5).put("value", Boolean.parseBoolean(typed));
            case NUMBER -> data.put("type", 4).put("value", Long.parseLong(typed));
            default -> data.put("type", 3).put("value", typed);
        }
        return new OptionMapping(data, new TLongObjectHashMap<>(), null, null);
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void everyOptionIsReadAsTheSameArgumentTyped(Verb verb) {
        List<OptionMapping> options = new ArrayList<>();
        Map<String, String> typed = new HashMap<>();
        for (Argument argument : verb.arguments()) {
            if (verb.alone().filter(argument::equals).isEmpty()) {
                options.add(option(argument, example(argument)));
                typed.put(argument.name(), example(argument));
            }
        }
        Parsed read = DiscordOptions.read(verb, options);
        assertThat(read).as(verb.word()).isInstanceOf(Parsed.Ok.class).isEqualTo(verb.read(typed));
        verb.alone().ifPresent(alone -> assertThat(DiscordOptions.read(verb,
                List.of(option(alone, example(alone))))).isEqualTo(verb.read(Map.of(alone.name(), example(alone))))
                .isInstanceOf(Parsed.Ok.class));
    }

    @Test
    void aFlagThatIsOffIsNotGivenAndABrokenOptionIsRefusedInTheTypedWords() {
        Argument privateFlag = Verb.START.arguments().stream().filter(a -> a.kind() == Argument.Kind.FLAG)
                .findFirst().orElseThrow();
        Argument title = Verb.START.arguments().get(0);
        assertThat(DiscordOptions.read(Verb.START, List.of(option(title, "db down"), option(privateFlag, "false"))))
                .isEqualTo(Verb.START.read(Map.of(title.name(), "db down")));
        Argument due = Verb.ACTION.arguments().stream().filter(a -> a.kind() == Argument.Kind.DATE)
                .findFirst().orElseThrow();
        assertThat(DiscordOptions.read(Verb.ACTION, List.of(option(Verb.ACTION.arguments().get(0), "fix"),
                option(due, "tomorrow")))).isEqualTo(new Parsed.Invalid(due.problem("tomorrow").orElseThrow(), Verb.ACTION));
    }
}
