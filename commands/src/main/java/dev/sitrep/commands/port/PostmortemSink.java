package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.message.Postmortem;
import org.jspecify.annotations.Nullable;

/** Where a postmortem skeleton is filed: a folder, a GitHub repository, a Confluence space. */
public interface PostmortemSink {

    /** The sink's name, shown to people and used as the key of what it filed: directory, github, confluence. */
    String name();

    /**
     * Files the postmortem, or updates the document filed before ({@code previous}, when not null;
     * it may be incomplete if an earlier attempt stopped half-way), and says where it is. Each
     * document it creates on the way is told to {@code progress} at once. Throws when it cannot,
     * after its own retries.
     */
    FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous, FilingProgress progress);

    /** Whether this sink tracks action items itself (its links then appear in the other sinks' documents). */
    default boolean filesActionItems() {
        return false;
    }

    /** Closes where this sink tracks {@code item}, if it does; throws when it cannot. */
    default void actionItemDone(FiledDocument document, ActionItem item) {
    }
}
