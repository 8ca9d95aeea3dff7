package dev.sitrep.commands;

import dev.sitrep.commands.Argument.Kind;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words after {@code /incident}, each with the usage line shown when it is used wrongly and
 * its arguments as platforms with typed options ask for them.
 */
public enum Verb {
    START("start", "/incident start <title> [sev1|sev2|sev3|sev4] [private]", "Declare an incident and open its channel.",
            Argument.text("title", "What is broken", true).withMaxLength(CommandParser.MAX_TITLE_LENGTH),
            Argument.choice("severity", "Severity", false, severities()),
            Argument.of(Kind.FLAG, "private", "Only invited members see the channel", false)),
    COMMANDER("commander", "/incident commander @member", "Hand the commander role to someone.", member("member", true)),
    ROLE("role", "/incident role <role> @member", "Give someone a role (commander, comms, scribe, ops).",
            Argument.of(Kind.ROLE, "role", "Which role", true), member("member", true)),
    SEVERITY("severity", "/incident severity <sev1|sev2|sev3|sev4>", "Change the severity and its update cadence.",
            Argument.choice("level", "Severity", true, severities())),
    STATUS("status", "/incident status <investigating|identified|monitoring|resolved>",
            "Move the incident forward; on a resolved incident, reopen it.",
            Argument.choice("status", "New status", true, Arrays.stream(Status.values()).map(Status::word).toList())),
    UPDATE("update", "/incident update [" + UpdateField.inlineForm() + "]",
            "Post a structured update (no fields: open a form where the platform has one).",
            Arrays.stream(UpdateField.values()).map(Argument::of).toArray(Argument[]::new)),
    NOTE("note", "/incident note <text>", "Add a note to the timeline.", Argument.text("text", "The note", true)),
    ACTION("action", "/incident action <text> [@owner] [due:YYYY-MM-DD] | /incident action done <n>",
            "Record an action item, or mark one done.",
            // Required options must come first, so neither is: a new item has text, a finished one done.
            Argument.text("text", "What has to be done", false), member("owner", false),
            Argument.text("due", "Due date, YYYY-MM-DD", false),
            Argument.of(Kind.NUMBER, "done", "Mark action item number … done", false)),
    SNOOZE("snooze", "/incident snooze <duration, e.g. 30m>", "Push the next update reminder back.",
            Argument.text("duration", "For how long, e.g. 30m", true)),
    RESOLVE("resolve", "/incident resolve [summary]", "Resolve the incident and file the postmortem skeleton.",
            Argument.text("summary", "What fixed it", false)),
    POSTMORTEM("postmortem", "/incident postmortem [done]", "File (or refresh) the postmortem skeleton; 'done' when it is written."),
    LIST("list", "/incident list", "List open incidents and their channels."),
    HELP("help", "/incident help [verb]", "Show this help.", Argument.of(Kind.VERB, "verb", "Help for one verb", false));

    private final String word;
    private final String usage;
    private final String summary;
    private final List<Argument> arguments;

    Verb(String word, String usage, String summary, Argument... arguments) {
        this.word = word;
        this.usage = usage;
        this.summary = summary;
        this.arguments = List.of(arguments);
    }

    public static Optional<Verb> of(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Verb v : values()) {
            if (v.word.equals(w)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public String word() {
        return word;
    }

    public String usage() {
        return usage;
    }

    public String summary() {
        return summary;
    }

    /** The arguments in the order a platform with typed options lists them. */
    public List<Argument> arguments() {
        return arguments;
    }

    private static Argument member(String name, boolean required) {
        return Argument.of(Kind.MEMBER, name, "A member of this server", required);
    }

    private static List<String> severities() {
        return Arrays.stream(Severity.values()).map(Severity::word).toList();
    }
}
