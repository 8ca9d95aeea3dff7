package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

/** {@code note}: anyone in the channel can add to the timeline, also after resolution. */
final class AddNote implements CommandHandler<Command.AddNote> {

    private final HandlerSupport support;

    AddNote(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.AddNote command, Invocation invocation) {
        Incident incident = support.incidentOf(invocation, Verb.NOTE);
        support.record(incident, invocation.caller(), TimelineEntry.Kind.NOTE, command.text());
        support.postInChannels(invocation, incident, new Messages.NoteAdded(incident, invocation.caller(), command.text()));
    }
}
