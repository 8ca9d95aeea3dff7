package dev.sitrep.commands;

import java.util.Locale;
import java.util.Optional;

/** The words after {@code /incident}, each with the usage line shown when it is used wrongly. */
public enum Verb {
    START("start", "/incident start <title> [sev1|sev2|sev3|sev4] [private]", "Declare an incident and open its channel."),
    COMMANDER("commander", "/incident commander @member", "Hand the commander role to someone."),
    ROLE("role", "/incident role <role> @member", "Give someone a role (commander, comms, scribe, ops)."),
    SEVERITY("severity", "/incident severity <sev1|sev2|sev3|sev4>", "Change the severity and its update cadence."),
    STATUS("status", "/incident status <investigating|identified|monitoring|resolved>",
            "Move the incident forward; on a resolved incident, reopen it."),
    UPDATE("update", "/incident update [" + UpdateField.inlineForm() + "]",
            "Post a structured update (no fields: open a form where the platform has one)."),
    NOTE("note", "/incident note <text>", "Add a note to the timeline."),
    ACTION("action", "/incident action <text> [@owner] [due:YYYY-MM-DD] | /incident action done <n>",
            "Record an action item, or mark one done."),
    SNOOZE("snooze", "/incident snooze <duration, e.g. 30m>", "Push the next update reminder back."),
    RESOLVE("resolve", "/incident resolve [summary]", "Resolve the incident and file the postmortem skeleton."),
    POSTMORTEM("postmortem", "/incident postmortem [done]", "File (or refresh) the postmortem skeleton; 'done' when it is written."),
    LIST("list", "/incident list", "List open incidents and their channels."),
    HELP("help", "/incident help [verb]", "Show this help.");

    private final String word;
    private final String usage;
    private final String summary;

    Verb(String word, String usage, String summary) {
        this.word = word;
        this.usage = usage;
        this.summary = summary;
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
}
