package dev.sitrep.commands;

import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The fields of a structured update as given; every one is optional. Which fields exist: {@link UpdateField}. */
public record UpdateFields(
        @Nullable String confirmed,
        @Nullable String suspected,
        @Nullable String verifying,
        @Nullable String actions,
        @Nullable String risk,
        @Nullable String impact,
        @Nullable Status status,
        @Nullable Duration next) {

    public static final UpdateFields NONE = new UpdateFields(null, null, null, null, null, null, null, null);

    /**
     * The update from raw values by field, however a platform collected them (inline text, options,
     * a form); blank values count as not given. Every value is checked by its field's rule, so each
     * way in refuses the same things with the same words.
     */
    public static Parsed read(Map<UpdateField, String> raw) {
        for (UpdateField field : UpdateField.values()) {
            String value = given(raw, field);
            Optional<String> problem = value == null ? Optional.empty() : field.problem(value);
            if (problem.isPresent()) {
                return new Parsed.Invalid(problem.get(), Verb.UPDATE);
            }
        }
        String status = given(raw, UpdateField.STATUS);
        String next = given(raw, UpdateField.NEXT);
        return new Parsed.Ok(new Command.PostUpdate(new UpdateFields(given(raw, UpdateField.CONFIRMED),
                given(raw, UpdateField.SUSPECTED), given(raw, UpdateField.VERIFYING), given(raw, UpdateField.ACTIONS),
                given(raw, UpdateField.RISK), given(raw, UpdateField.IMPACT),
                status == null ? null : Status.parse(status).orElseThrow(),
                next == null ? null : DurationRule.parse(next).orElseThrow())));
    }

    /**
     * Like {@link #read} for a submitted form, where a form with nothing but a next time filled in
     * is a mistake rather than an update.
     */
    public static Parsed readForm(Map<UpdateField, String> raw) {
        return saysNothing(raw) ? new Parsed.Invalid(EMPTY_FORM, Verb.UPDATE) : read(raw);
    }

    /** True when a submitted form has no field filled in but perhaps the next time. */
    public static boolean saysNothing(Map<UpdateField, String> raw) {
        return Arrays.stream(UpdateField.values()).filter(f -> f != UpdateField.NEXT).allMatch(f -> given(raw, f) == null);
    }

    /** Said when a form comes back with nothing filled in. */
    public static final String EMPTY_FORM = "The update was empty; fill in at least one field.";

    public boolean isEmpty() {
        return equals(NONE);
    }

    private static @Nullable String given(Map<UpdateField, String> raw, UpdateField field) {
        String value = raw.get(field);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
