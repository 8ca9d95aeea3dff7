package dev.sitrep.commands;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One argument of a {@link Verb}: name, what to say about it, what it holds, whether it must be
 * given, and where it stands when typed. The text parser, the usage line, the help, a platform's
 * typed options and the checks of every value all follow from it.
 */
public record Argument(String name, String description, Kind kind, boolean required, List<String> choices,
                       int maxLength, Typed typed) {

    /** What an argument holds. */
    public enum Kind {
        /** Free text, at most {@link #maxLength()} characters. */
        TEXT,
        /** One of {@link #choices()}. */
        CHOICE,
        /** A member of the chat. */
        MEMBER,
        /** One of the roles the deployment configures (so the platform supplies the choices). */
        ROLE,
        /** One of the verbs (so the platform supplies the choices, since a verb cannot list its siblings). */
        VERB,
        /**
         * One of the services the deployment configures, by name (the engine checks it against the
         * catalog and names the known ones, since a verb cannot list configuration).
         */
        SERVICE,
        /** Yes or no. */
        FLAG,
        /** A positive whole number. */
        NUMBER,
        /** A span of time, as {@link DurationRule} accepts it. */
        DURATION,
        /** A day, YYYY-MM-DD. */
        DATE
    }

    /** Where the argument stands in typed text. */
    public enum Typed {
        /** One word, in the order of the verb's arguments. */
        WORD,
        /** The words the others leave over (one such argument per verb). */
        REST,
        /** Optional, picked off the end by its shape: a flag's name, one of the choices, a mention. */
        END,
        /** One word {@code name:value} anywhere. */
        TAGGED,
        /** {@code name: text…} up to the next field or {@code |}: the fields of {@code update}. */
        FIELD,
        /** {@code name <value>} as the whole text: a form of the verb on its own. */
        ALONE
    }

    /** The longest free text an argument takes unless it says otherwise; Discord caps options at this too. */
    public static final int MAX_TEXT = UpdateField.MAX_LENGTH;

    public Argument {
        choices = List.copyOf(choices);
    }

    static Argument of(Kind kind, String name, String description, boolean required, Typed typed) {
        return new Argument(name, description, kind, required, List.of(), takesText(kind) ? MAX_TEXT : 0, typed);
    }

    static Argument choice(String name, String description, boolean required, List<String> choices, Typed typed) {
        return new Argument(name, description, Kind.CHOICE, required, choices, 0, typed);
    }

    Argument withMaxLength(int max) {
        return new Argument(name, description, kind, required, choices, max, typed);
    }

    /** The argument a field of {@code update} is: never required, checked by the field's own rule. */
    static Argument of(UpdateField field) {
        return !field.choices().isEmpty()
                ? choice(field.key(), field.label(), false, field.choices(), Typed.FIELD)
                : of(field.kind() == UpdateField.Kind.DURATION ? Kind.DURATION : Kind.TEXT, field.key(), field.label(),
                false, Typed.FIELD);
    }

    private static boolean takesText(Kind kind) {
        return kind == Kind.TEXT || kind == Kind.DURATION || kind == Kind.DATE;
    }

    /** How this argument is written in a usage line: {@code <title>}, {@code [@owner]}, {@code done <n>}… */
    public String usage() {
        if (typed == Typed.FIELD) {
            return UpdateField.of(name).orElseThrow().inline();
        }
        return typed == Typed.ALONE ? shape() : required && kind != Kind.FLAG ? given() : "[" + shape() + "]";
    }

    /** The argument written as when it must be given. */
    private String given() {
        boolean bare = kind == Kind.MEMBER || kind == Kind.NUMBER && typed == Typed.ALONE || kind == Kind.DATE
                || kind == Kind.FLAG;
        return bare ? shape() : "<" + shape() + ">";
    }

    private String shape() {
        return switch (kind) {
            case CHOICE -> String.join("|", choices);
            case MEMBER -> "@" + name;
            case NUMBER -> typed == Typed.ALONE ? name + " <n>" : name;
            case DURATION -> name + ", e.g. 30m";
            case DATE -> name + ":YYYY-MM-DD";
            case SERVICE -> typed == Typed.TAGGED ? name + ":<name>" : name;
            default -> name;
        };
    }

    /** Said when a required argument is not given. */
    String missing() {
        String what = description.isEmpty() ? "" : ": " + description.substring(0, 1).toLowerCase(Locale.ROOT)
                + description.substring(1);
        return "Missing " + given() + what + ".";
    }

    /** What is wrong with a given (stripped, non-empty) value, said to the user; empty when it is fine. */
    public Optional<String> problem(String value) {
        if (typed == Typed.FIELD) {
            return UpdateField.of(name).orElseThrow().problem(value);
        }
        String echo = "'" + CommandParser.shorten(value) + "'";
        String problem = switch (kind) {
            case TEXT -> value.length() <= maxLength ? null
                    : "The " + name + " is " + value.length() + " characters long; the limit is " + maxLength + ".";
            case CHOICE -> choice(value).isPresent() ? null : "Unknown " + name + " " + echo + ": use " + oneOf() + ".";
            case MEMBER -> MemberRef.looksLikeMention(value) ? null : echo + " is not a @mention of a member.";
            case ROLE -> value.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9_-]{0,30}") ? null
                    : echo + " is not a role name.";
            case VERB -> Verb.of(value).isPresent() ? null : "There is no verb " + echo + ".";
            case SERVICE -> value.toLowerCase(Locale.ROOT).matches("[a-z0-9][a-z0-9._-]{0,59}") ? null
                    : echo + " is not a service name.";
            case FLAG -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase(name) ? null
                    : echo + " is not " + name + ".";
            case NUMBER -> number(value) > 0 ? null : echo + " is not a positive number; write e.g. "
                    + (typed == Typed.ALONE ? name + " " : "") + "2.";
            case DURATION -> DurationRule.parse(value).isPresent() ? null : DurationRule.problem(value);
            case DATE -> date(value).isPresent() ? null : echo + " is not a date; write " + shape() + ".";
        };
        return Optional.ofNullable(problem);
    }

    /** The choice a value names, in any case; empty when it names none. */
    Optional<String> choice(String value) {
        return choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst();
    }

    /**
     * True for a word that was plausibly meant as one of the choices but is none (sev9 or sev-1 for
     * sev1…sev4), so it is refused rather than taken as part of a text.
     */
    boolean nearMiss(String word) {
        return word.matches(".*\\d.*") && choices.stream().anyMatch(c -> c.matches(".*\\d.*")
                && c.replaceAll("[-\\d]", "").equalsIgnoreCase(word.replaceAll("[-\\d]", "")));
    }

    /** A number as typed ({@code 3} or {@code #3}); 0 when it is none. */
    static int number(String value) {
        String digits = value.startsWith("#") ? value.substring(1) : value;
        return digits.matches("[0-9]{1,9}") ? Integer.parseInt(digits) : 0;
    }

    static Optional<LocalDate> date(String value) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String oneOf() {
        int last = choices.size() - 1;
        return last < 1 ? String.join("", choices) : String.join(", ", choices.subList(0, last)) + " or " + choices.get(last);
    }
}
