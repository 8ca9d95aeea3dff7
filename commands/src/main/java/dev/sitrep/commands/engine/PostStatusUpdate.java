package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code update}: records the structured update, moves the status if it says so, and re-arms the rhythm. */
final class PostStatusUpdate implements CommandHandler<Command.PostUpdate> {

    private final HandlerSupport support;

    PostStatusUpdate(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.PostUpdate command, Invocation invocation) {
        Incident incident = support.openIncidentOf(invocation, Verb.UPDATE);
        support.requireLead(incident, invocation.caller(), "post updates", Verb.UPDATE);
        UpdateFields fields = command.fields();
        if (fields.isEmpty()) {
            if (!support.openUpdateForm(invocation, incident)) {
                throw new Rejected("This chat has no update form; give the fields inline.", Verb.UPDATE);
            }
            return;
        }
        if (fields.status() == Status.RESOLVED) {
            throw new Rejected("An update cannot resolve; use /incident resolve [summary].", Verb.UPDATE);
        }
        Instant now = support.now();
        StatusUpdate update = new StatusUpdate(now, invocation.caller(), fields.confirmed(), fields.suspected(),
                fields.verifying(), fields.actions(), fields.risk(), fields.impact(), fields.status(), fields.next());
        Status[] from = new Status[1];
        Incident updated = support.modify(incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "post updates", Verb.UPDATE);
            if (!current.isOpen()) {
                throw new Rejected(current.id() + " was resolved just now.", Verb.UPDATE);
            }
            from[0] = current.status();
            Incident next = current;
            if (fields.status() != null && fields.status() != current.status()) {
                if (!current.status().canMoveTo(fields.status())) {
                    throw new Rejected(current.id() + " is " + current.status().word()
                            + "; status only moves forward.", Verb.UPDATE);
                }
                next = next.movedTo(fields.status(), support.settings().cadence(current.severity()), now, true);
            }
            return next.withUpdate(update, support.settings().cadence(current.severity()));
        });
        support.record(updated, invocation.caller(), TimelineEntry.Kind.UPDATE, summarize(update));
        if (from[0] != updated.status()) {
            support.record(updated, TimelineEntry.statusChange(now, invocation.caller(), from[0], updated.status()));
        }
        support.ports().timers().arm(updated.id(), updated.nextUpdateDue());
        Messages.UpdatePosted message = new Messages.UpdatePosted(updated, update);
        support.postInChannels(invocation, updated, message);
        if (!updated.privateIncident()) {
            support.announce(updated, message);
        }
        if (from[0] != updated.status()) {
            support.refreshTopic(updated);
        }
    }

    /** One line for the timeline; the full update stays on the incident for the postmortem. */
    static String summarize(StatusUpdate u) {
        List<String> parts = new ArrayList<>();
        for (UpdateField field : UpdateField.values()) {
            String value = field.valueIn(u);
            if (value != null) {
                parts.add(field.key() + ": " + value);
            }
        }
        return String.join(" | ", parts);
    }
}
