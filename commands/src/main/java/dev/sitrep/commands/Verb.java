package dev.sitrep.commands;

import dev.sitrep.commands.Argument.Kind;
import dev.sitrep.commands.Argument.Typed;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The words after {@code /incident}, each defined once: its summary, its {@link Argument}s and the
 * command it makes of them. The usage line, the help, the text parser, a platform's typed options
 * and the checks of every value are derived from this, so a new verb is one constant here (and its
 * {@link Command} record and handler).
 */
public enum Verb {
    START("start", "Declare an incident and open its channel.",
            g -> new Command.Start(g.text("title"), g.get("severity", Severity::parse), g.has("private"),
                    g.text("service")),
            Argument.of(Kind.TEXT, "title", "What is broken", true, Typed.REST)
                    .withMaxLength(CommandParser.MAX_TITLE_LENGTH),
            Argument.choice("severity", "Severity (default: the service's, else sev3)", false,
                    words(Severity.values(), Severity::word), Typed.END),
            Argument.of(Kind.FLAG, "private", "Only invited members see the channel", false, Typed.END),
            service(false, Typed.TAGGED)),
    COMMANDER("commander", "Hand the commander role to someone.",
            g -> new Command.AssignRole("commander", g.member("member")), member("member", true, Typed.WORD)),
    ROLE("role", "Give someone a role (commander, comms, scribe, ops).",
            g -> new Command.AssignRole(g.text("role").toLowerCase(Locale.ROOT), g.member("member")),
            Argument.of(Kind.ROLE, "role", "Which role", true, Typed.WORD), member("member", true, Typed.WORD)),
    SEVERITY("severity", "Change the severity and its update cadence.",
            g -> new Command.ChangeSeverity(g.get("level", Severity::parse)),
            Argument.choice("level", "Severity", true, words(Severity.values(), Severity::word), Typed.WORD)),
    STATUS("status", "Move the incident forward; on a resolved incident, reopen it.",
            g -> new Command.ChangeStatus(g.get("status", Status::parse)),
            Argument.choice("status", "New status", true, words(Status.values(), Status::word), Typed.WORD)),
    UPDATE("update", "Post a structured update (no fields: open a form where the platform has one).",
            g -> new Command.PostUpdate(UpdateFields.of(g.fields())),
            Arrays.stream(UpdateField.values()).map(Argument::of).toArray(Argument[]::new)),
    NOTE("note", "Add a note to the timeline.", g -> new Command.AddNote(g.text("text")),
            Argument.of(Kind.TEXT, "text", "The note", true, Typed.REST)),
    ACTION("action", "Record an action item, or mark one done.",
            g -> g.has("done") ? new Command.CompleteAction(g.number("done"))
                    : new Command.AddAction(g.text("text"), g.member("owner"), g.date("due")),
            Argument.of(Kind.TEXT, "text", "What has to be done", true, Typed.REST), member("owner", false, Typed.END),
            Argument.of(Kind.DATE, "due", "Due date, YYYY-MM-DD", false, Typed.TAGGED),
            Argument.of(Kind.NUMBER, "done", "The number of an action item that is done", false, Typed.ALONE)),
    SNOOZE("snooze", "Push the next update reminder back.", g -> new Command.Snooze(g.duration("duration")),
            Argument.of(Kind.DURATION, "duration", "For how long", true, Typed.WORD)),
    RESOLVE("resolve", "Resolve the incident and file the postmortem skeleton.",
            g -> new Command.Resolve(g.text("summary")),
            Argument.of(Kind.TEXT, "summary", "What fixed it", false, Typed.REST)),
    POSTMORTEM("postmortem", "File (or refresh) the postmortem skeleton; 'done' when it is written.",
            g -> g.has("done") ? new Command.CompletePostmortem() : new Command.FilePostmortem(),
            Argument.of(Kind.FLAG, "done", "The postmortem is written; stop the follow-ups", false, Typed.END)),
    SERVICE("service", "Say which service the incident is about: its owners, runbook and checklist.",
            g -> new Command.SetService(g.text("service")), service(true, Typed.WORD)),
    TASK("task", "Mark a step of the service's checklist done, or undo that.",
            g -> new Command.CheckTask(g.number("number"), "done".equals(g.text("mark"))),
            Argument.choice("mark", "Done, or not done after all", true, List.of("done", "undo"), Typed.WORD),
            Argument.of(Kind.NUMBER, "number", "The number of the step", true, Typed.WORD)),
    PAGE("page", "Page a service's on-call now.", g -> new Command.PageService(g.text("service")),
            service(true, Typed.WORD)),
    LIST("list", "List open incidents and their channels.", g -> new Command.ListOpen()),
    HELP("help", "Show this help.", g -> new Command.Help(g.get("verb", Verb::of)),
            Argument.of(Kind.VERB, "verb", "Help for one verb", false, Typed.WORD));

    private final String word;
    private final String summary;
    private final Function<Given, Command> command;
    private final List<Argument> arguments;

    Verb(String word, String summary, Function<Given, Command> command, Argument... arguments) {
        this.word = word;
        this.summary = summary;
        this.command = command;
        this.arguments = List.of(arguments);
    }

    public static Optional<Verb> of(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.word.equals(w)).findFirst();
    }

    public String word() {
        return word;
    }

    /** {@code /incident start <title> [sev1|sev2|sev3|sev4] [private]}: shown when the verb is used wrongly. */
    public String usage() {
        String fields = arguments.stream().filter(a -> a.typed() == Typed.FIELD).map(Argument::usage)
                .collect(Collectors.joining(" | "));
        String line = "/incident " + word + arguments.stream()
                .filter(a -> a.typed() != Typed.FIELD && a.typed() != Typed.ALONE)
                .map(a -> " " + a.usage()).collect(Collectors.joining()) + (fields.isEmpty() ? "" : " [" + fields + "]");
        return line + alone().map(a -> " | /incident " + word + " " + a.usage()).orElse("");
    }

    public String summary() {
        return summary;
    }

    /** The arguments in the order a platform with typed options lists them. */
    public List<Argument> arguments() {
        return arguments;
    }

    /** The argument that is a form of this verb on its own ({@code action done <n>}), if it has one. */
    public Optional<Argument> alone() {
        return arguments.stream().filter(a -> a.typed() == Typed.ALONE).findFirst();
    }

    /**
     * The command from raw values by argument name, however a platform collected them (typed text,
     * options, a form); blank values count as not given. Every value is checked by its argument's
     * rule, so every way in refuses the same things in the same words.
     */
    public Parsed read(Map<String, String> raw) {
        Map<String, String> given = new HashMap<>();
        raw.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(name, value.strip());
            }
        });
        Optional<Argument> alone = alone().filter(a -> given.containsKey(a.name()));
        if (alone.isPresent() && given.size() > 1) {
            return invalid("Give either " + alone.get().usage() + " on its own or " + arguments.stream()
                    .filter(a -> a != alone.get()).map(Argument::usage).collect(Collectors.joining(" ")) + ", not both.");
        }
        for (Argument argument : arguments) {
            String value = given.get(argument.name());
            if (value == null) {
                if (argument.required() && alone.isEmpty()) {
                    return invalid(argument.missing());
                }
                continue;
            }
            Optional<String> problem = argument.problem(value);
            if (problem.isPresent()) {
                return invalid(problem.get());
            }
            given.put(argument.name(), argument.choice(value).orElse(value));
        }
        return new Parsed.Ok(command.apply(new Given(given)));
    }

    Parsed.Invalid invalid(String problem) {
        return new Parsed.Invalid(problem, this);
    }

    private static Argument member(String name, boolean required, Typed typed) {
        return Argument.of(Kind.MEMBER, name, "A member of this server", required, typed);
    }

    /** A service by its configured name; the engine checks it against the catalog (the verb cannot know it). */
    private static Argument service(boolean required, Typed typed) {
        return Argument.of(Kind.SERVICE, "service", "A configured service, by name", required, typed);
    }

    private static <E> List<String> words(E[] values, Function<E, String> word) {
        return Arrays.stream(values).map(word).toList();
    }
}
