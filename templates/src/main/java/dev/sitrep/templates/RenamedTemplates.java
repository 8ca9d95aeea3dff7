package dev.sitrep.templates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Templates are named after their message records ({@code UpdateOverdue} → {@code update-overdue.ftl});
 * before, some had names of their own ({@code reminder.ftl}). An operator's folder kept in Git may
 * still hold the old names, and silently falling back to the built-in template would throw their
 * wording away, so an old name there keeps working, with a warning that says what to rename it to.
 */
final class RenamedTemplates {

    private static final System.Logger LOG = System.getLogger(RenamedTemplates.class.getName());

    /** New name → the name the template had before. */
    static final Map<String, String> OLD_NAMES = Map.ofEntries(
            Map.entry("role-assigned", "role-change"),
            Map.entry("severity-changed", "severity-change"),
            Map.entry("status-changed", "status-change"),
            Map.entry("update-posted", "status-update"),
            Map.entry("note-added", "note"),
            Map.entry("action-added", "action-item"),
            Map.entry("update-overdue", "reminder"),
            Map.entry("updates-escalated", "escalation"),
            Map.entry("overdue-broadcast", "escalation-broadcast"),
            Map.entry("resolved", "resolution"),
            Map.entry("resolved-broadcast", "resolution-broadcast"),
            Map.entry("action-completed", "action-done"),
            Map.entry("postmortem-completed", "postmortem-done"),
            Map.entry("postmortem-filing-failed", "postmortem-failed"),
            Map.entry("open-incidents", "list"),
            Map.entry("help-text", "help"),
            Map.entry("command-rejected", "rejected"),
            Map.entry("command-accepted", "accepted"));

    private RenamedTemplates() {
    }

    /** The renamed templates an operator overrides under their old name only: new name → old name. */
    static Map<String, String> foundIn(Path overrideDir, String dialect) {
        Map<String, String> found = new HashMap<>();
        OLD_NAMES.forEach((name, old) -> {
            for (Path folder : new Path[] {overrideDir.resolve(dialect), overrideDir}) {
                if (Files.exists(folder.resolve(old + ".ftl")) && !Files.exists(folder.resolve(name + ".ftl"))) {
                    LOG.log(System.Logger.Level.WARNING, "Template " + folder.resolve(old + ".ftl")
                            + " has its old name; rename it to " + name + ".ftl (the old name is read until then)");
                    found.putIfAbsent(name, old);
                }
            }
        });
        return Map.copyOf(found);
    }
}
