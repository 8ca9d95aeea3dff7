package dev.sitrep.commands.port;

import dev.sitrep.commands.incident.FiledDocument;

/**
 * What a sink tells while it files, so that every document it creates is remembered the moment it
 * exists: a retry after a failure half-way then resumes where the sink stopped instead of creating
 * the same issue, branch, pull request or page again.
 */
public interface FilingProgress {

    /** Ignores everything: for callers that file once and keep nothing. */
    FilingProgress NONE = new FilingProgress() {
        @Override
        public void filed(FiledDocument soFar) {
        }

        @Override
        public void actionItemDone(int number) {
        }
    };

    /** Everything this sink has created so far; throws if it cannot be remembered (the sink then stops). */
    void filed(FiledDocument soFar);

    /** The sink saw action item {@code number} finished where it tracks it (e.g. its issue was closed). */
    void actionItemDone(int number);
}
