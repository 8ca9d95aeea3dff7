package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import java.time.Instant;

/** {@code action}: anyone can record a follow-up, with an optional owner and due date. */
final class AddActionItem implements CommandHandler<Command.AddAction> {

    private final HandlerSupport support;

    AddActionItem(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.AddAction command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.ACTION);
        Member owner = command.owner() == null ? null
                : support.member(invocation, command.owner().key(), command.owner().raw(), Verb.ACTION);
        Instant now = support.now();
        ActionItem[] added = new ActionItem[1];
        Incident updated = support.modify(incident.id(), current -> {
            added[0] = new ActionItem(current.nextActionNumber(), command.text(), owner, command.due(), false, now,
                    invocation.caller());
            return current.withActionItem(added[0]);
        });
        ActionItem item = added[0];
        support.record(updated, invocation.caller(), TimelineEntry.Kind.ACTION, "#" + item.number() + " "
                + item.text() + (owner == null ? "" : " (owner " + owner.displayName() + ")")
                + (item.due() == null ? "" : " due " + item.due()));
        support.postInChannels(invocation, updated, new Messages.ActionAdded(updated, item));
    }
}
