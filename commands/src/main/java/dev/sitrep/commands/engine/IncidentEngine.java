package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.CommandParser;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.commands.port.StoreUnavailable;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Clicked;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.PrivateAnswer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point adapters call: parses {@code /incident …} text (or takes a command a form
 * built), runs the verb's handler, and turns every failure into a private answer to the caller.
 */
public final class IncidentEngine {

    private static final System.Logger LOG = System.getLogger(IncidentEngine.class.getName());

    private final CommandParser parser = new CommandParser();
    private final HandlerSupport support;
    private final Map<Class<? extends Command>, CommandHandler<?>> handlers = new HashMap<>();
    private final ResolveIncident resolve;
    private final DeclareIncident declare;
    /** Set once alert intake is wired ({@link #alertIntake}); a triage button exists only where it is. */
    private volatile @Nullable TriageClick triage;

    public IncidentEngine(EngineSettings settings, Ports ports) {
        this.support = new HandlerSupport(settings, ports);
        FilePostmortem postmortem = new FilePostmortem(support);
        this.resolve = new ResolveIncident(support, postmortem);
        declare = new DeclareIncident(support);
        register(Command.Start.class, declare);
        register(Command.AssignRole.class, new AssignRole(support));
        register(Command.ChangeSeverity.class, new ChangeSeverity(support));
        register(Command.ChangeStatus.class, new ChangeStatus(support, resolve));
        register(Command.PostUpdate.class, new PostStatusUpdate(support));
        register(Command.AddNote.class, new AddNote(support));
        register(Command.AddAction.class, new AddActionItem(support));
        register(Command.CompleteAction.class, new CompleteActionItem(support));
        register(Command.Snooze.class, new SnoozeUpdates(support));
        register(Command.Resolve.class, resolve);
        register(Command.FilePostmortem.class, postmortem);
        register(Command.CompletePostmortem.class, new CompletePostmortem(support));
        register(Command.SetService.class, new AssignService(support));
        register(Command.CheckTask.class, new CheckTask(support));
        register(Command.PageService.class, new PageOnCall(support));
        register(Command.ListOpen.class, new ListOpenIncidents(support));
        register(Command.Help.class, new ShowHelp(support));
        register(Command.DecideTriage.class, (command, invocation) -> triage(command, invocation));
    }

    private <C extends Command> void register(Class<C> type, CommandHandler<C> handler) {
        handlers.put(type, handler);
    }

    /** The command types that have a handler; a test checks that this covers every permitted subclass. */
    public java.util.Set<Class<? extends Command>> handledCommands() {
        return java.util.Set.copyOf(handlers.keySet());
    }

    /** Runs the text typed after {@code /incident}. */
    public void execute(Invocation invocation, String text) {
        Parsed parsed = parser.parse(text);
        if (parsed instanceof Parsed.Invalid invalid) {
            support.ports().observer().commandHandled(invalid.verb() == null ? dev.sitrep.commands.Verb.HELP : invalid.verb(),
                    invocation.platform(), "rejected");
            support.reply(invocation, new Messages.CommandRejected(invalid.problem(), invalid.verb(), null));
            return;
        }
        execute(invocation, ((Parsed.Ok) parsed).command());
    }

    /** Runs a command that a platform built from its own inputs (typed options, a submitted form). */
    public void execute(Invocation invocation, Command command) {
        run(invocation, command.verb(), () -> dispatch(command, invocation));
    }

    /**
     * Runs the command of a clicked {@link Button} as if the clicker had typed it where the message is:
     * the same handler, permission rules and timeline entry. A button that needs an open incident is
     * answered "INC-7 is resolved" once it is not; a button with a form ({@link ButtonAction#form()})
     * opens it where the invocation's answer can ({@link PrivateAnswer#openUpdateForm}, {@link
     * PrivateAnswer#openResolveForm}) after the same permission check, and its submission runs the
     * command ({@link #submit}).
     */
    public Pressed press(Invocation invocation, Button button) {
        ButtonAction action = button.action();
        Command command = button.command(invocation.caller());
        if (command instanceof Command.DecideTriage decision) {
            Pressed[] decided = {Pressed.refused()};
            // A triage click is not /incident start: it is counted as the decision it is.
            String decisionWord = decision.declare() ? "declare" : "dismiss";
            return run(invocation, command.verb(), outcome -> support.ports().observer()
                    .triageDecided(invocation.platform(), decisionWord, outcome), () -> decided[0] = triage(decision, invocation))
                    ? decided[0] : Pressed.refused();
        }
        return pressed(invocation, button, command.verb(), () -> {
            if (action == ButtonAction.RESOLVE && resolve.askSummary(invocation)) {
                return true;
            }
            dispatch(command, invocation);
            return action == ButtonAction.POST_UPDATE;
        });
    }

    /**
     * Whether a click on {@code button} would be refused for who clicked it, checked before its form
     * opens (a platform that must answer with the form at once asks this first, within its deadline):
     * the refusal the click would get, or empty when the form may open. Reads the incident once and
     * writes nothing; only Resolve's commander rule is checked here (anything else, a resolved
     * incident included, is answered as the click or its submission is).
     */
    public Optional<Messages.CommandRejected> refusalBeforeForm(Invocation invocation, Button button) {
        if (button.action() != ButtonAction.RESOLVE
                || support.ports().store().findByChannel(invocation.channel()).filter(Incident::isOpen).isEmpty()) {
            return Optional.empty();
        }
        try {
            resolve.mayResolve(invocation);
            return Optional.empty();
        } catch (Rejected rejected) {
            support.ports().observer().commandHandled(Verb.RESOLVE, invocation.platform(), "rejected");
            return Optional.of(new Messages.CommandRejected(rejected.getMessage(), rejected.verb(), null));
        } finally {
            support.ports().observer().incidentDone();
        }
    }

    /**
     * Runs a form that a click on {@code button} opened, filled in as {@code filled} (the update, or
     * {@code resolve <summary>}): the same outcome as a click without a form, so the platform edits the
     * clicked message the same way ("Update posted by bob 10:42"), or shows "INC-7 is resolved" when
     * the incident was resolved while the form was open.
     */
    public Pressed submit(Invocation invocation, Button button, Command filled) {
        if (button.action().form().filter(verb -> verb == filled.verb()).isEmpty()) {
            throw new IllegalArgumentException(button.id() + " opens no " + filled.verb().word() + " form");
        }
        return pressed(invocation, button, filled.verb(), () -> {
            dispatch(filled, invocation);
            return false;
        });
    }

    /** {@code work} answers whether it opened a form instead of running the command. */
    private Pressed pressed(Invocation invocation, Button button, Verb verb, java.util.function.BooleanSupplier work) {
        Optional<Incident> incident = support.ports().store().findByChannel(invocation.channel());
        if (incident.isPresent() && button.action().needsOpenIncident() && !incident.get().isOpen()) {
            String shown = incident.get().id() + " is resolved";
            support.ports().observer().commandHandled(verb, invocation.platform(), "rejected");
            // Nothing was typed wrong, so no usage or help line: the click is simply too late.
            replySafely(invocation, new Messages.CommandAccepted(shown + ".", incident.get()));
            return Pressed.resolved(shown);
        }
        boolean[] formOpened = {false};
        if (!run(invocation, verb, () -> formOpened[0] = work.getAsBoolean())) {
            return Pressed.refused();
        }
        return formOpened[0] ? Pressed.formOpened()
                : Pressed.done(new Clicked(button, invocation.caller(), support.now()));
    }

    private boolean run(Invocation invocation, Verb verb, Runnable work) {
        return run(invocation, verb, outcome -> support.ports().observer().commandHandled(verb, invocation.platform(),
                outcome), work);
    }

    /**
     * Runs one command's work and turns every failure into the caller's private answer; false when it
     * did not go through. {@code handled} is told the outcome: ok, rejected or failed.
     */
    private boolean run(Invocation invocation, Verb verb, java.util.function.Consumer<String> handled, Runnable work) {
        try {
            work.run();
            handled.accept("ok");
            return true;
        } catch (Rejected rejected) {
            handled.accept("rejected");
            support.reply(invocation, new Messages.CommandRejected(rejected.getMessage(), rejected.verb(),
                    rejected.listOpenIncidents() ? support.ports().store().open() : null));
        } catch (PlatformFailure e) {
            handled.accept("failed");
            LOG.log(System.Logger.Level.WARNING, "/incident " + verb.word() + " failed: " + e.getMessage());
            replySafely(invocation, Messages.CommandRejected.ofFailure(e.getMessage() + ". What was already recorded is kept;"
                    + " fix that and run the command again.", verb));
        } catch (StoreUnavailable e) {
            // An outage, not a bug: one line in the log, and the caller knows to run it again.
            handled.accept("failed");
            LOG.log(System.Logger.Level.WARNING, "/incident " + verb.word() + " not taken: " + e.getMessage());
            replySafely(invocation, Messages.CommandRejected.ofFailure("sitrep could not finish /incident " + verb.word()
                    + ": its store (Redis) is not answering. What was already recorded is kept; run it again in a minute.",
                    verb));
        } catch (RuntimeException e) {
            handled.accept("failed");
            LOG.log(System.Logger.Level.ERROR, "/incident " + verb.word() + " failed", e);
            support.reply(invocation, Messages.CommandRejected.ofFailure("Something went wrong while running /incident "
                    + verb.word() + " (" + e.getClass().getSimpleName() + "). What was already recorded is "
                    + "kept; try again.", verb));
        } finally {
            support.ports().observer().incidentDone();
        }
        return false;
    }

    /** Answers the caller with a rejection an adapter found before the engine saw a command (bad option values). */
    public void reject(Invocation invocation, Messages.CommandRejected rejection) {
        replySafely(invocation, rejection);
    }

    private void replySafely(Invocation invocation, dev.sitrep.commands.message.Message message) {
        try {
            support.reply(invocation, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not tell the caller either: " + e.getMessage());
        }
    }

    /**
     * Adds what a platform event says to the timeline of the incident whose channel it happened in
     * (a pinned message, someone joining). Events outside incident channels are ignored: nobody
     * typed a command, so nobody needs an answer. Returns whether it was recorded.
     */
    public boolean recordOnTimeline(Invocation invocation, TimelineEntry.Kind kind, String text) {
        return support.ports().store().findByChannel(invocation.channel()).map(incident -> {
            support.ports().store().append(incident.id(), support.entry(invocation.caller(), kind, text));
            return true;
        }).orElse(false);
    }

    /**
     * Alert intake on this engine: notifications about alert groups routed by {@code rules}, tied through
     * {@code groups}; the triage buttons it posts are pressed through this engine too.
     */
    public AlertIntake alertIntake(dev.sitrep.commands.alert.AlertRules rules, dev.sitrep.commands.port.AlertGroups groups) {
        AlertIntake intake = new AlertIntake(support, declare, rules, groups);
        triage = new TriageClick(support, declare, intake);
        return intake;
    }

    private Pressed triage(Command.DecideTriage decision, Invocation invocation) {
        TriageClick click = triage;
        if (click == null) {
            throw new Rejected("Alert intake is not configured on this sitrep, so it has no alert group to decide"
                    + " about. To declare an incident, use /incident start.", Verb.START);
        }
        return click.decide(decision, invocation);
    }

    @SuppressWarnings("unchecked")
    private <C extends Command> void dispatch(C command, Invocation invocation) {
        CommandHandler<C> handler = (CommandHandler<C>) handlers.get(command.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
        }
        handler.handle(command, invocation);
    }
}
