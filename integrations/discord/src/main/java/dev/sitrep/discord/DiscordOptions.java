package dev.sitrep.discord;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * The options of an {@code /incident} subcommand read by the {@link Verb}'s {@link Argument}s they
 * were registered from ({@link IncidentSlashCommand}), then checked and made a command by the verb,
 * exactly as typed text is: no option name is written here.
 */
final class DiscordOptions {

    private DiscordOptions() {
    }

    static Parsed toCommand(CommandInteractionPayload interaction) {
        return read(Verb.of(interaction.getSubcommandName()).orElseThrow(), interaction.getOptions());
    }

    static Parsed read(Verb verb, List<OptionMapping> options) {
        Map<String, String> values = new HashMap<>();
        for (OptionMapping option : options) {
            verb.arguments().stream().filter(a -> a.name().equals(option.getName())).findFirst()
                    .ifPresent(argument -> values.put(argument.name(), value(argument, option)));
        }
        return verb.read(values);
    }

    /** The option's value as the same argument would be typed; a flag that is off is not given. */
    private static String value(Argument argument, OptionMapping option) {
        return switch (argument.kind()) {
            // A user option's value is the user's id (https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-type).
            case MEMBER -> "<@" + option.getAsString() + ">";
            case FLAG -> option.getAsBoolean() ? "true" : "";
            default -> option.getAsString();
        };
    }
}
