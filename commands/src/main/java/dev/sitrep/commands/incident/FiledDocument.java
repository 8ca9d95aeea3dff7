package dev.sitrep.commands.incident;

import java.util.Map;
import java.util.Objects;

/**
 * Where one postmortem sink filed an incident's postmortem: its id there (to update it), a link,
 * and where it filed the action items, if it files them (action item number → link).
 */
public record FiledDocument(String sink, String id, String url, Map<Integer, String> actionItems) {

    public FiledDocument {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        actionItems = Map.copyOf(actionItems == null ? Map.of() : actionItems);
    }

    public FiledDocument(String sink, String id, String url) {
        this(sink, id, url, Map.of());
    }
}
