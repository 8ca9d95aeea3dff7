package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.PostmortemSink;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code action done <n>}: anyone in the incident can close an action item. It goes on the timeline,
 * leaves the follow-up reminders, and is closed where a sink tracks it (e.g. its GitHub issue).
 */
final class CompleteActionItem implements CommandHandler<Command.CompleteAction> {

    private static final System.Logger LOG = System.getLogger(CompleteActionItem.class.getName());

    private final HandlerSupport support;

    CompleteActionItem(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.CompleteAction command, Invocation invocation) {
        int number = command.number();
        Incident incident = support.incidentOf(invocation, Verb.ACTION);
        // The sinks close their copy first (closing twice is harmless), so the one commit can say how it went.
        List<String> problems = closeWhereTracked(incident, itemToClose(incident, number).finished());
        support.apply(invocation, incident.id(), current -> {
            ActionItem item = itemToClose(current, number);
            Incident after = current.withActionItemDone(number);
            ActionItem done = after.actionItem(number).orElseThrow();
            return Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.ACTION, "#" + number + " done: "
                            + item.text()))
                    .effects(Effects.post(after, new Messages.ActionCompleted(after, done, invocation.caller(),
                            problems)));
        });
    }

    private static ActionItem itemToClose(Incident incident, int number) {
        ActionItem item = incident.actionItem(number).orElseThrow(() -> new Rejected(incident.id()
                + " has no action item #" + number + (incident.actionItems().isEmpty() ? "; it has none yet."
                : "; its items are #1 to #" + (incident.nextActionNumber() - 1) + "."), Verb.ACTION));
        if (item.done()) {
            throw new Rejected("Action item #" + number + " of " + incident.id() + " is already done.", Verb.ACTION);
        }
        return item;
    }

    /** A sink that cannot close its copy does not undo the command; people are told to close it by hand. */
    private List<String> closeWhereTracked(Incident incident, ActionItem item) {
        List<String> problems = new ArrayList<>();
        for (PostmortemSink sink : support.ports().postmortems()) {
            FiledDocument document = incident.documents().get(sink.name());
            if (document == null || !document.actionItems().containsKey(item.number())) {
                continue;
            }
            try {
                sink.actionItemDone(document, item);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing action item #" + item.number() + " of " + incident.id()
                        + " in " + sink.name() + " failed: " + e.getMessage());
                problems.add("closing it in " + sink.name() + " failed (" + e.getMessage() + "); close "
                        + document.actionItems().get(item.number()) + " by hand");
            }
        }
        return problems;
    }
}
