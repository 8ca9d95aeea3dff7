package dev.sitrep.discord;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.Verb;
import java.util.Arrays;
import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /incident} with one subcommand per {@link Verb} and one typed option per {@link Argument}
 * of it, plus the "Add to timeline" message command.
 */
public final class IncidentSlashCommand {

    public static final String NAME = "incident";
    public static final String ADD_TO_TIMELINE = "Add to timeline";
    /** Discord's limits on a command's description and on an option's choices. */
    private static final int MAX_DESCRIPTION = 100;
    private static final int MAX_CHOICES = 25;

    private IncidentSlashCommand() {
    }

    public static List<CommandData> definitions(List<String> roles) {
        return List.of(Commands.slash(NAME, "Declare and run incidents").setContexts(InteractionContextType.GUILD)
                        .addSubcommands(Arrays.stream(Verb.values()).map(v -> sub(v, roles)).toList()),
                Commands.message(ADD_TO_TIMELINE).setContexts(InteractionContextType.GUILD));
    }

    private static SubcommandData sub(Verb verb, List<String> roles) {
        String summary = verb.summary();
        return new SubcommandData(verb.word(), summary.length() > MAX_DESCRIPTION
                ? summary.substring(0, MAX_DESCRIPTION - 1) + "…" : summary)
                .addOptions(verb.arguments().stream().map(a -> option(a, required(verb, a), roles)).toList());
    }

    /**
     * Discord lists required options first and cannot say "this one or those", so a verb with a form
     * of its own ({@code action done <n>}) asks for nothing; the verb's check names what is missing.
     */
    static boolean required(Verb verb, Argument argument) {
        return argument.required() && verb.alone().isEmpty();
    }

    private static OptionData option(Argument argument, boolean required, List<String> roles) {
        return switch (argument.kind()) {
            case TEXT, DURATION, DATE -> option(OptionType.STRING, argument, required)
                    .setMaxLength(argument.maxLength());
            // The configured services are suggested as one types (ServiceAutocomplete); any name can still be typed.
            case SERVICE -> option(OptionType.STRING, argument, required).setMaxLength(60).setAutoComplete(true);
            case CHOICE -> choices(argument, required, argument.choices());
            case ROLE -> choices(argument, required, roles);
            case VERB -> choices(argument, required, Arrays.stream(Verb.values()).map(Verb::word).toList());
            case MEMBER -> option(OptionType.USER, argument, required);
            case FLAG -> option(OptionType.BOOLEAN, argument, required);
            case NUMBER -> option(OptionType.INTEGER, argument, required).setMinValue(1);
        };
    }

    private static OptionData option(OptionType type, Argument argument, boolean required) {
        return new OptionData(type, argument.name(), argument.description(), required);
    }

    private static OptionData choices(Argument argument, boolean required, List<String> values) {
        OptionData option = option(OptionType.STRING, argument, required);
        values.stream().limit(MAX_CHOICES).forEach(v -> option.addChoice(v, v));
        return option;
    }
}
