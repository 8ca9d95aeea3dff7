package dev.sitrep.bot.console;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.Command;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's form, where Slack opens a modal: a verb's arguments asked one at a time under the
 * prompt (the update's fields for <em>Post update</em>, the summary for <em>Resolve</em>). Each
 * answer is checked by its argument's own rule as it is given, and the whole by the verb as typed
 * text is, so a form refuses what typed text refuses, in the same words.
 */
final class ConsoleForm {

    /** Typed as an answer, stops the form; a pipe has no Ctrl-C. */
    static final String CANCEL = "/cancel";

    private final ConsoleIo io;
    private final ConsoleCompletion completion;

    ConsoleForm(ConsoleIo io, ConsoleCompletion completion) {
        this.io = io;
        this.completion = completion;
    }

    /**
     * The command the person filled {@code verb}'s form in for; empty when they cancelled or
     * filled in nothing, which they are told, and then nothing is done.
     */
    Optional<Command> fill(Verb verb, Incident incident) {
        String untouched = " " + incident.id().label() + " is as it was.";
        io.info("* " + title(verb, incident) + ": one question at a time. Enter skips one, Ctrl-C or "
                + CANCEL + " cancels.");
        Map<String, String> given = new LinkedHashMap<>();
        for (Argument argument : verb.arguments()) {
            while (true) {
                String answer = io.readAnswer("  " + argument.description() + hint(argument) + ": ",
                        completion.answers(argument));
                if (answer == null || answer.strip().equalsIgnoreCase(CANCEL)) {
                    io.info("* Cancelled." + untouched);
                    return Optional.empty();
                }
                String value = answer.strip();
                // A console command typed while a question waits ("/click 9") is a slip, never an answer.
                Optional<String> problem = value.startsWith("/")
                        ? Optional.of("'" + value + "' is a console command, not an answer; the form is still open.")
                        : !value.isEmpty() ? argument.problem(value)
                        : argument.required() ? Optional.of("This one is needed.") : Optional.empty();
                if (problem.isEmpty()) {
                    if (!value.isEmpty()) {
                        given.put(argument.name(), value);
                    }
                    break;
                }
                io.info("* " + problem.get() + " Answer again, or " + CANCEL + ".");
            }
        }
        if (given.isEmpty()) {
            io.info("* Nothing filled in, so nothing was done." + untouched);
            return Optional.empty();
        }
        Parsed parsed = verb == Verb.UPDATE ? UpdateFields.readForm(byField(given)) : verb.read(given);
        if (parsed instanceof Parsed.Invalid invalid) {
            io.info("* " + invalid.problem() + untouched);
            return Optional.empty();
        }
        return Optional.of(((Parsed.Ok) parsed).command());
    }

    private static String title(Verb verb, Incident incident) {
        String what = verb == Verb.RESOLVE ? "Resolve " : verb == Verb.UPDATE ? "Update on " : "/incident " + verb.word()
                + " for ";
        return what + incident.id().label() + " · " + incident.title();
    }

    /** {@code (investigating|identified|monitoring)}, {@code (e.g. 30m)}: what an answer looks like. */
    private static String hint(Argument argument) {
        return switch (argument.kind()) {
            case CHOICE -> " (" + String.join("|", argument.choices()) + ")";
            case DURATION -> " (e.g. 30m)";
            case DATE -> " (YYYY-MM-DD)";
            default -> "";
        };
    }

    /** The update form is also refused when it says nothing but when the next update is due. */
    private static Map<UpdateField, String> byField(Map<String, String> given) {
        Map<UpdateField, String> fields = new EnumMap<>(UpdateField.class);
        given.forEach((key, value) -> fields.put(UpdateField.of(key).orElseThrow(), value));
        return fields;
    }
}
