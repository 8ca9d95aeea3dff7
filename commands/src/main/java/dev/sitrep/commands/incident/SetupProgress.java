package dev.sitrep.commands.incident;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which steps of preparing an incident's channel have been done (the channel itself is in
 * {@link Incident#channels()}), so that running the same start again does only what is missing and
 * never posts a second kick-off or announcement. {@code kickoff} is the posted kick-off's id, to pin it.
 */
public record SetupProgress(Set<Step> done, @Nullable String kickoff) {

    /** The steps in the order they are run; each is told to the caller by its phrase when it fails. */
    public enum Step {
        INVITE("invite you to the channel"),
        COMMANDER_ROLE("give you the commander role"),
        TOPIC("set the channel topic"),
        KICKOFF("post the kick-off"),
        PIN("pin the kick-off"),
        ANNOUNCEMENT("announce the incident in the broadcast channel");

        private final String phrase;

        Step(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    public static final SetupProgress NONE = new SetupProgress(Set.of(), null);
    /** Incidents stored before progress was recorded whose channel existed: never set up twice. */
    static final SetupProgress ALL = new SetupProgress(EnumSet.allOf(Step.class), null);

    public SetupProgress {
        done = done == null || done.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(done));
    }

    public boolean has(Step step) {
        return done.contains(step);
    }

    public boolean complete() {
        return done.size() == Step.values().length;
    }

    /** The steps not done yet, in running order. */
    public List<Step> missing() {
        return Arrays.stream(Step.values()).filter(s -> !done.contains(s)).toList();
    }

    public SetupProgress with(Step step) {
        EnumSet<Step> more = done.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(done);
        more.add(step);
        return new SetupProgress(more, kickoff);
    }

    public SetupProgress withKickoff(String messageId) {
        return new SetupProgress(with(Step.KICKOFF).done, messageId);
    }
}
