package dev.sitrep.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An incident page's content, every value already written out for the page. */
public record IncidentView(IncidentRow row, List<Role> roles, @Nullable Update latest, List<Update> earlier,
                    List<Entry> timeline, List<Action> actions, List<Link> postmortems, List<Link> channels,
                    List<Figure> durations, List<Step> history, @Nullable String summary, String declaredAt,
                    String nextUpdateDue) {

    public record Role(String role, String member) {
    }

    /** A structured update: its time, author, and the fields it gave, in the order they are typed. */
    public record Update(String at, String author, List<Figure> fields) {
    }

    public record Entry(String at, String kind, String actor, String text) {
    }

    public record Action(int number, String text, String owner, String due, boolean done, @Nullable String link) {
    }

    /** {@code url} null: shown as text (a place on the server, a platform without web links). */
    public record Link(String label, @Nullable String url) {
    }

    public record Figure(String name, String value) {
    }

    /**
     * One step of the severity/status history: what it became ({@code text} as the timeline wrote it),
     * when, by whom, and how long it stood (until the next step, or until now for the last one).
     */
    public record Step(String at, String kind, String actor, String text, String lasted) {
    }
}
