package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
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
        support.apply(invocation, incident.id(), current -> {
            ActionItem item = new ActionItem(current.nextActionNumber(), command.text(), owner, command.due(), false,
                    now, invocation.caller());
            Incident after = current.withActionItem(item);
            return Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.ACTION, "#" + item.number() + " "
                            + item.text() + (owner == null ? "" : " (owner " + owner.displayName() + ")")
                            + (item.due() == null ? "" : " due " + item.due())))
                    .effects(Effects.post(after, new Messages.ActionAdded(after, item)));
        });
    }
}
