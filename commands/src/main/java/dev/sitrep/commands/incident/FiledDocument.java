package dev.sitrep.commands.incident;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one postmortem sink filed an incident's postmortem: its id there (to update it), a link,
 * where it filed the action items, if it files them (action item number → link), and what it
 * created on the way (e.g. a branch), so a filing that stopped half-way resumes instead of starting over.
 * An empty {@code id} means the document itself does not exist yet.
 */
public record FiledDocument(String sink, String id, String url, Map<Integer, String> actionItems,
                            Map<String, String> parts) {

    public FiledDocument {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        actionItems = Map.copyOf(actionItems == null ? Map.of() : actionItems);
        parts = Map.copyOf(parts == null ? Map.of() : parts);
    }

    public FiledDocument(String sink, String id, String url, Map<Integer, String> actionItems) {
        this(sink, id, url, actionItems, Map.of());
    }

    public FiledDocument(String sink, String id, String url) {
        this(sink, id, url, Map.of(), Map.of());
    }

    /** Nothing filed yet but what is in {@code parts}. */
    public static FiledDocument started(String sink, Map<String, String> parts) {
        return new FiledDocument(sink, "", "", Map.of(), parts);
    }

    /** Whether the document itself exists (not only things created on the way to it). */
    public boolean exists() {
        return !id.isEmpty();
    }

    /** The link, when people elsewhere can open it (http or https); a path on the server is not one. */
    public @Nullable String publicUrl() {
        return url.startsWith("https://") || url.startsWith("http://") ? url : null;
    }

    public FiledDocument withActionItem(int number, String link) {
        Map<Integer, String> items = new java.util.LinkedHashMap<>(actionItems);
        items.put(number, link);
        return new FiledDocument(sink, id, url, items, parts);
    }

    public FiledDocument withPart(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(parts);
        all.put(name, value);
        return new FiledDocument(sink, id, url, actionItems, all);
    }

    public FiledDocument at(String newId, String newUrl) {
        return new FiledDocument(sink, newId, newUrl, actionItems, parts);
    }
}
