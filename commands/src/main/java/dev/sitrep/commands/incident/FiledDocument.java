package dev.sitrep.commands.incident;

import java.util.Objects;

/** Where one postmortem sink filed an incident's postmortem: its id there (to update it) and a link. */
public record FiledDocument(String sink, String id, String url) {

    public FiledDocument {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
