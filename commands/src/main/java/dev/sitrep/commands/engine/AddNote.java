package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;

/** {@code note}: anyone in the channel can add to the timeline, also after resolution. */
final class AddNote implements CommandHandler<Command.AddNote> {

    private final HandlerSupport support;

    AddNote(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.AddNote command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.NOTE);
        support.apply(invocation, incident.id(), current -> Change.of(current, current)
                .record(support.entry(invocation.caller(), TimelineEntry.Kind.NOTE, command.text()))
                .effects(Effects.post(current, new Messages.NoteAdded(current, invocation.caller(), command.text()))));
    }
}
