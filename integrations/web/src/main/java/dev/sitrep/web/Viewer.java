package dev.sitrep.web;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is looking at the dashboard: the platform accounts ({@code platform:id}) they are known by,
 * and whether they are an admin. Unknown people are members of nothing.
 */
record Viewer(String name, Set<String> accounts, boolean admin) {

    Viewer {
        accounts = Set.copyOf(accounts);
    }

    static Viewer operator() {
        return new Viewer("local operator", Set.of(), true);
    }

    /**
     * A non-private incident is for everyone who may open the dashboard; a private one only for admins
     * and its members: whoever holds a role, wrote an update, owns or filed an action item, or
     * appears on its timeline (which records everyone who joined or acted in its channel).
     */
    boolean canSee(Incident incident, Supplier<List<TimelineEntry>> timeline) {
        if (!incident.privateIncident() || admin) {
            return true;
        }
        if (accounts.isEmpty()) {
            return false;
        }
        return incident.roles().values().stream().anyMatch(this::is)
                || incident.updates().stream().map(StatusUpdate::author).anyMatch(this::is)
                || incident.actionItems().stream().anyMatch(a -> is(a.createdBy()) || isOwner(a))
                || timeline.get().stream().map(TimelineEntry::actor).anyMatch(this::is);
    }

    private boolean isOwner(ActionItem item) {
        return item.owner() != null && is(item.owner());
    }

    private boolean is(Member member) {
        return accounts.contains(member.platform() + ":" + member.id());
    }
}
