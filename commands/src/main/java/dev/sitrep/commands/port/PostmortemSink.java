package dev.sitrep.commands.port;

import dev.sitrep.commands.message.Postmortem;

/** Where a postmortem skeleton is filed: a folder, a wiki, a repository. */
public interface PostmortemSink {

    /** Files (or refreshes) the postmortem and says where it is, e.g. a path or a URL. */
    String file(Postmortem postmortem);
}
