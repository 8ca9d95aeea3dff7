package dev.sitrep.discord;

import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.util.Arrays;
import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /incident} with one subcommand per verb and typed options, plus the "Add to timeline" message command. */
public final class IncidentSlashCommand {

    public static final String NAME = "incident";
    public static final String ADD_TO_TIMELINE = "Add to timeline";

    private IncidentSlashCommand() {
    }

    public static List<CommandData> definitions(List<String> roles) {
        return List.of(Commands.slash(NAME, "Declare and run incidents").setContexts(InteractionContextType.GUILD).addSubcommands(
                        sub(Verb.START).addOptions(text("title", "What is broken", true).setMaxLength(200),
                                severity("severity", false),
                                new OptionData(OptionType.BOOLEAN, "private", "Only invited members see the channel")),
                        sub(Verb.COMMANDER).addOptions(member("member", true)),
                        sub(Verb.ROLE).addOptions(choices("role", "Which role", true, roles), member("member", true)),
                        sub(Verb.SEVERITY).addOptions(severity("level", true)),
                        sub(Verb.STATUS).addOptions(choices("status", "New status", true,
                                Arrays.stream(Status.values()).map(Status::word).toList())),
                        sub(Verb.UPDATE).addOptions(Arrays.stream(UpdateField.values())
                                .map(IncidentSlashCommand::updateOption).toList()),
                        sub(Verb.NOTE).addOptions(text("text", "The note", true)),
                        // Required options must come first, so neither is: a new item has text, a finished one done.
                        sub(Verb.ACTION).addOptions(text("text", "What has to be done", false), member("owner", false),
                                text("due", "Due date, YYYY-MM-DD", false),
                                new OptionData(OptionType.INTEGER, "done", "Mark action item number … done")
                                        .setMinValue(1)),
                        sub(Verb.SNOOZE).addOptions(text("duration", "For how long, e.g. 30m", true)),
                        sub(Verb.RESOLVE).addOptions(text("summary", "What fixed it", false)),
                        sub(Verb.POSTMORTEM),
                        sub(Verb.LIST),
                        sub(Verb.HELP).addOptions(choices("verb", "Help for one verb", false,
                                Arrays.stream(Verb.values()).map(Verb::word).toList()))),
                Commands.message(ADD_TO_TIMELINE).setContexts(InteractionContextType.GUILD));
    }

    /** One option per update field, named by its key, so the options and the typed command take the same fields. */
    static OptionData updateOption(UpdateField field) {
        return field.kind() == UpdateField.Kind.STATUS ? choices(field.key(), field.label(), false, field.choices())
                : text(field.key(), field.label(), false);
    }

    private static SubcommandData sub(Verb verb) {
        String summary = verb.summary();
        return new SubcommandData(verb.word(), summary.length() > 100 ? summary.substring(0, 99) + "…" : summary);
    }

    private static OptionData text(String name, String description, boolean required) {
        return new OptionData(OptionType.STRING, name, description, required).setMaxLength(UpdateField.MAX_LENGTH);
    }

    private static OptionData member(String name, boolean required) {
        return new OptionData(OptionType.USER, name, "A member of this server", required);
    }

    private static OptionData severity(String name, boolean required) {
        return choices(name, "Severity", required, Arrays.stream(Severity.values()).map(Severity::word).toList());
    }

    private static OptionData choices(String name, String description, boolean required, List<String> values) {
        OptionData option = new OptionData(OptionType.STRING, name, description, required);
        values.stream().limit(25).forEach(v -> option.addChoice(v, v));
        return option;
    }
}
