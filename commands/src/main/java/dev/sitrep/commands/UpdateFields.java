package dev.sitrep.commands;

import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
        @Nullable Duration next,
        @Nullable Boolean publicUpdate) {

    public static final UpdateFields NONE = new UpdateFields(null, null, null, null, null, null, null, null, null);

    /** An update that says nothing about being public (so it is not). */
    public UpdateFields(@Nullable String confirmed, @Nullable String suspected, @Nullable String verifying,
                        @Nullable String actions, @Nullable String risk, @Nullable String impact,
                        @Nullable Status status, @Nullable Duration next) {
        this(confirmed, suspected, verifying, actions, risk, impact, status, next, null);
    }

    /**
     * The update from raw values by field, however a platform collected them (inline text, options,
     * a form); blank values count as not given. Every value is checked by its field's rule, so each
     * way in refuses the same things with the same words.
     */
    public static Parsed read(Map<UpdateField, String> raw) {
        Map<String, String> byKey = new HashMap<>();
        raw.forEach((field, value) -> byKey.put(field.key(), value));
        return Verb.UPDATE.read(byKey);
    }

    /** The update from values already checked by their fields' rules. */
    static UpdateFields of(Map<UpdateField, String> checked) {
        String status = checked.get(UpdateField.STATUS);
        String next = checked.get(UpdateField.NEXT);
        String shared = checked.get(UpdateField.PUBLIC);
        return new UpdateFields(checked.get(UpdateField.CONFIRMED), checked.get(UpdateField.SUSPECTED),
                checked.get(UpdateField.VERIFYING), checked.get(UpdateField.ACTIONS), checked.get(UpdateField.RISK),
                checked.get(UpdateField.IMPACT), status == null ? null : Status.parse(status).orElseThrow(),
                next == null ? null : DurationRule.parse(next).orElseThrow(),
                shared == null ? null : UpdateField.yesNo(shared).orElseThrow());
    }

    /**
     * Like {@link #read} for a submitted form, where a form with nothing but a next time (or the
     * public choice) filled in is a mistake rather than an update.
     */
    public static Parsed readForm(Map<UpdateField, String> raw) {
        return saysNothing(raw) ? new Parsed.Invalid(EMPTY_FORM, Verb.UPDATE) : read(raw);
    }

    /** True when a submitted form has no field filled in but perhaps the next time or the public choice. */
    public static boolean saysNothing(Map<UpdateField, String> raw) {
        return Arrays.stream(UpdateField.values()).filter(f -> f != UpdateField.NEXT && f != UpdateField.PUBLIC)
                .allMatch(f -> given(raw, f) == null);
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
