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
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.TimerChange;
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
                fields.verifying(), fields.actions(), fields.risk(), fields.impact(), fields.status(), fields.next(),
                Boolean.TRUE.equals(fields.publicUpdate()));
        Change done = support.apply(invocation, incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "post updates", Verb.UPDATE);
            if (!current.isOpen()) {
                throw new Rejected(current.id() + " was resolved just now.", Verb.UPDATE);
            }
            Incident next = current;
            if (fields.status() != null && fields.status() != current.status()) {
                if (!current.status().canMoveTo(fields.status())) {
                    throw new Rejected(current.id() + " is " + current.status().word()
                            + "; status only moves forward.", Verb.UPDATE);
                }
                next = next.movedTo(fields.status(), support.settings().cadence(current.severity()), now, true);
            }
            Incident after = next.withUpdate(update, support.settings().cadence(current.severity()));
            boolean moved = current.status() != after.status();
            Messages.UpdatePosted message = new Messages.UpdatePosted(after, update);
            Change change = Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.UPDATE, summarize(update)));
            if (moved) {
                change = change.record(TimelineEntry.statusChange(now, invocation.caller(), current.status(),
                        after.status()));
            }
            change = change.timer(TimerChange.arm(after.nextUpdateDue())).effects(Effects.post(after, message));
            if (!after.privateIncident()) {
                change = change.effects(Effects.announce(after, message));
            }
            return moved ? change.effects(Effects.topic(after)) : change;
        });
        if (update.publicUpdate()) {
            support.reply(invocation, new Messages.CommandAccepted(publicEcho(done.after(), update), done.after()));
        }
    }

    /** What customers will read, said to whoever published it, so marking an update public is never a surprise. */
    static String publicEcho(Incident incident, StatusUpdate update) {
        if (incident.privateIncident()) {
            return incident.id() + " is private: the status page never shows it, whatever its updates say.";
        }
        String impact = update.impact() == null || update.impact().isBlank()
                ? "no impact text (this update gives none), only that it is ongoing"
                : "the impact \"" + update.impact() + "\"";
        return "This update of " + incident.id() + " is public: the status page shows the title \""
                + incident.title() + "\" and " + impact + ". Its other fields stay internal.";
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
