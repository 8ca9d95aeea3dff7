package dev.sitrep.commands;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The values given for a verb's arguments, by name, each already checked by its argument's rule. */
final class Given {

    private final Map<String, String> values;

    Given(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Nullable String text(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value read by {@code parse}, which accepts it since it was checked; null when not given. */
    <T> @Nullable T get(String name, Function<String, Optional<T>> parse) {
        String value = values.get(name);
        return value == null ? null : parse.apply(value).orElseThrow();
    }

    @Nullable MemberRef member(String name) {
        String value = values.get(name);
        return value == null ? null : new MemberRef(value);
    }

    int number(String name) {
        return Argument.number(values.get(name));
    }

    @Nullable Duration duration(String name) {
        return get(name, DurationRule::parse);
    }

    @Nullable LocalDate date(String name) {
        return get(name, Argument::date);
    }

    /** The fields of an update among the values. */
    Map<UpdateField, String> fields() {
        Map<UpdateField, String> fields = new EnumMap<>(UpdateField.class);
        values.forEach((name, value) -> UpdateField.of(name).ifPresent(f -> fields.put(f, value)));
        return fields;
    }
}
