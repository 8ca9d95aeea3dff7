package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Task;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;

/**
 * {@code task done <n>} / {@code task undo <n>}: anyone in the incident ticks a step of the service's
 * checklist (or unticks it). The progress goes into the topic and on the timeline.
 */
final class CheckTask implements CommandHandler<Command.CheckTask> {

    private final HandlerSupport support;

    CheckTask(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.CheckTask command, Invocation invocation) {
        Incident incident = support.openIncidentOf(invocation, Verb.TASK);
        int number = command.number();
        Change done = support.apply(invocation, incident.id(), current -> {
            Task task = current.task(number).orElseThrow(() -> new Rejected(current.id() + " has no task " + number
                    + (current.tasks().isEmpty() ? "; it has no checklist (set a service with /incident service <name>)."
                    : "; its tasks are 1 to " + current.tasks().size() + "."), Verb.TASK));
            if (task.done() == command.done()) {
                throw new Rejected("Task " + number + " of " + current.id() + " is already "
                        + (task.done() ? "done" : "not done") + ".", Verb.TASK);
            }
            Incident after = current.withTask(number, command.done(), invocation.caller(), support.now());
            return Change.of(current, after)
                    .record(support.entry(invocation.caller(), TimelineEntry.Kind.TASK, "Task " + number
                            + (command.done() ? " done" : " not done after all") + ": " + task.text() + " ("
                            + after.taskProgress() + " done)"))
                    .effects(Effects.topic(after));
        });
        support.reply(invocation, new Messages.CommandAccepted("Task " + number + (command.done() ? " done" : " undone")
                + "; " + done.after().taskProgress() + " of the checklist done.", done.after()));
    }
}
