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
                .addOptions(verb.arguments().stream().map(a -> option(a, roles)).toList());
    }

    static OptionData option(Argument argument, List<String> roles) {
        return switch (argument.kind()) {
            case TEXT -> new OptionData(OptionType.STRING, argument.name(), argument.description(), argument.required())
                    .setMaxLength(argument.maxLength());
            case CHOICE -> choices(argument, argument.choices());
            case ROLE -> choices(argument, roles);
            case VERB -> choices(argument, Arrays.stream(Verb.values()).map(Verb::word).toList());
            case MEMBER -> new OptionData(OptionType.USER, argument.name(), argument.description(), argument.required());
            case FLAG -> new OptionData(OptionType.BOOLEAN, argument.name(), argument.description(), argument.required());
            case NUMBER -> new OptionData(OptionType.INTEGER, argument.name(), argument.description(), argument.required())
                    .setMinValue(1);
        };
    }

    private static OptionData choices(Argument argument, List<String> values) {
        OptionData option = new OptionData(OptionType.STRING, argument.name(), argument.description(), argument.required());
        values.stream().limit(MAX_CHOICES).forEach(v -> option.addChoice(v, v));
        return option;
    }
}
