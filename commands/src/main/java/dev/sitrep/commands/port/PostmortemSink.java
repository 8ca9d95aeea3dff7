package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.message.Postmortem;
import org.jspecify.annotations.Nullable;

/** Where a postmortem skeleton is filed: a folder, a GitHub repository, a Confluence space. */
public interface PostmortemSink {

    /** The sink's name, shown to people and used as the key of what it filed: directory, github, confluence. */
    String name();

    /**
     * Files the postmortem, or updates the document filed before ({@code previous}, when not null),
     * and says where it is. Throws when it cannot, after its own retries.
     */
    FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous);
}
