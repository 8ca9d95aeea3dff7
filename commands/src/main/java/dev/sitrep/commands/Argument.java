package dev.sitrep.commands;

import java.util.List;

/**
 * One argument of a {@link Verb} as a platform with typed options asks for it (a Discord option):
 * name, what to say about it, what it holds and whether it must be given. The verb's usage line
 * says the same for typed text.
 */
public record Argument(String name, String description, Kind kind, boolean required, List<String> choices,
                       int maxLength) {

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
        /** Yes or no. */
        FLAG,
        /** A positive whole number. */
        NUMBER
    }

    /** The longest free text an argument takes unless it says otherwise; Discord caps options at this too. */
    public static final int MAX_TEXT = UpdateField.MAX_LENGTH;

    public Argument {
        choices = List.copyOf(choices);
    }

    static Argument text(String name, String description, boolean required) {
        return new Argument(name, description, Kind.TEXT, required, List.of(), MAX_TEXT);
    }

    static Argument choice(String name, String description, boolean required, List<String> choices) {
        return new Argument(name, description, Kind.CHOICE, required, choices, 0);
    }

    static Argument of(Kind kind, String name, String description, boolean required) {
        return new Argument(name, description, kind, required, List.of(), kind == Kind.TEXT ? MAX_TEXT : 0);
    }

    Argument withMaxLength(int max) {
        return new Argument(name, description, kind, required, choices, max);
    }

    /** The argument a field of {@code update} is: free text, or the field's choices; never required. */
    static Argument of(UpdateField field) {
        return field.kind() == UpdateField.Kind.STATUS ? choice(field.key(), field.label(), false, field.choices())
                : text(field.key(), field.label(), false).withMaxLength(UpdateField.MAX_LENGTH);
    }
}
