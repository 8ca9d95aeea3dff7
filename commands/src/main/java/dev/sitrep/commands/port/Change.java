package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One command's decision, committed as one unit: the incident before ({@code null} when the change
 * creates it) and after, the timeline entries it adds, what it does to the timer, and the effects
 * to carry out on the platforms once it is stored. {@link IncidentStore#commit} writes all of it or
 * nothing, and only if the incident is still at {@code before}'s version.
 */
public record Change(
        @Nullable Incident before,
        Incident after,
        List<TimelineEntry> entries,
        TimerChange timer,
        List<Effect> effects) {

    public Change {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(timer, "timer");
        entries = List.copyOf(entries);
        effects = List.copyOf(effects);
        if (before != null && !before.id().equals(after.id())) {
            throw new IllegalArgumentException("cannot change " + before.id() + " into " + after.id());
        }
    }

    /** The incident moves from {@code before} to {@code after}; nothing else yet. */
    public static Change of(@Nullable Incident before, Incident after) {
        return new Change(before, after, List.of(), TimerChange.LEAVE, List.of());
    }

    public Change record(TimelineEntry entry) {
        return new Change(before, after, plus(entries, List.of(entry)), timer, effects);
    }

    public Change timer(TimerChange change) {
        return new Change(before, after, entries, change, effects);
    }

    public Change effects(List<? extends Effect> more) {
        return new Change(before, after, entries, timer, plus(effects, more));
    }

    /** The version the incident gets when this change is committed. */
    public long nextVersion() {
        return before == null ? 1 : before.version() + 1;
    }

    /** Nothing would be written: the decision found nothing to do. */
    public boolean isEmpty() {
        return before != null && before.equals(after) && entries.isEmpty() && effects.isEmpty()
                && timer.kind() == TimerChange.Kind.LEAVE;
    }

    /** The same change, as stored: {@code after} at its new version, each effect under its key. */
    public Change committed(Incident stored, List<Effect> keyed) {
        return new Change(before, stored, entries, timer, keyed);
    }

    private static <T> List<T> plus(List<T> list, List<? extends T> more) {
        List<T> all = new ArrayList<>(list);
        all.addAll(more);
        return all;
    }
}
