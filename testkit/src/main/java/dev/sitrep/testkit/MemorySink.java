package dev.sitrep.testkit;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Keeps filed postmortems in memory, and (when {@code tracksActionItems}) one entry per action
 * item as an issue tracker would, telling each to the engine as soon as it exists. Fails on
 * demand, as a broken wiki would, also half-way ({@code failBeforeItem}).
 */
public final class MemorySink implements PostmortemSink {

    private final String name;
    private final boolean tracksActionItems;
    private final List<Postmortem> filed;
    /** Everything created, in order: "document", "item 1", …; a retry must never repeat one. */
    public final List<String> created = new CopyOnWriteArrayList<>();
    public final Set<Integer> closedThere = ConcurrentHashMap.newKeySet();
    public volatile boolean failing;
    public volatile boolean failingToClose;
    public volatile int failBeforeItem = Integer.MAX_VALUE;
    public volatile String base = "https://memory.example/";

    public MemorySink(String name, boolean tracksActionItems, List<Postmortem> filed) {
        this.name = name;
        this.tracksActionItems = tracksActionItems;
        this.filed = filed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean filesActionItems() {
        return tracksActionItems;
    }

    @Override
    public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous,
            FilingProgress progress) {
        if (failing) {
            throw new IllegalStateException("memory is full");
        }
        String id = postmortem.incident().id().label();
        var document = previous != null && previous.exists() ? previous : new FiledDocument(name, id, base + id);
        if (previous == null || !previous.exists()) {
            created.add("document");
            progress.filed(document);
        }
        for (var item : postmortem.incident().actionItems()) {
            if (!tracksActionItems) {
                break;
            }
            if (document.actionItems().containsKey(item.number())) {
                if (closedThere.contains(item.number()) && !item.done()) {
                    progress.actionItemDone(item.number());
                }
                continue;
            }
            if (item.number() >= failBeforeItem) {
                throw new IllegalStateException("tracker down before item " + item.number());
            }
            created.add("item " + item.number());
            document = document.withActionItem(item.number(), base + id + "/items/" + item.number());
            progress.filed(document);
        }
        filed.add(postmortem);
        return document;
    }

    @Override
    public void actionItemDone(FiledDocument document, ActionItem item) {
        if (failingToClose) {
            throw new IllegalStateException("tracker refused");
        }
        closedThere.add(item.number());
    }
}
