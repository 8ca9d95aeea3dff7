package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.port.FilingProgress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keeps what a sink reports, as the engine stores it: the last document, and the items seen done. */
final class RecordedProgress implements FilingProgress {

    @Nullable FiledDocument last;
    final List<Integer> done = new ArrayList<>();

    @Override
    public void filed(FiledDocument soFar) {
        last = soFar;
    }

    @Override
    public void actionItemDone(int number) {
        done.add(number);
    }
}
