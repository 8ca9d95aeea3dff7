package dev.sitrep.web;

import java.util.function.Supplier;

/** Reads once, on first use: a timeline is fetched only for the private incidents that need it. */
final class Memo<T> implements Supplier<T> {

    private final Supplier<T> source;
    private T value;
    private boolean read;

    private Memo(Supplier<T> source) {
        this.source = source;
    }

    static <T> Supplier<T> of(Supplier<T> source) {
        return new Memo<>(source);
    }

    @Override
    public synchronized T get() {
        if (!read) {
            value = source.get();
            read = true;
        }
        return value;
    }
}
