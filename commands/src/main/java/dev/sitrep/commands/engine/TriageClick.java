package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.alert.TriageDecision;
import dev.sitrep.commands.alert.TriagedGroup;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Clicked;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.AlertGroups;
import java.util.Optional;

/**
 * A click on *Declare incident* or *Dismiss* under an alert group posted for triage. The first decision
 * about the group stands, on every replica ({@link AlertGroups#decide}); a declaration then creates the
 * number reserved for the group (the store refuses a second create), with the group's alerts and the
 * clicker as commander, and sets it up as {@code start} does. Whoever clicks later is told who decided.
 */
final class TriageClick {

    private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(TriageClick.class.getName());

    private final HandlerSupport support;
    private final DeclareIncident declare;
    private final AlertIntake intake;

    TriageClick(HandlerSupport support, DeclareIncident declare, AlertIntake intake) {
        this.support = support;
        this.declare = declare;
        this.intake = intake;
    }

    Pressed decide(Command.DecideTriage command, Invocation invocation) {
        IncidentId id = command.group();
        AlertGroups groups = intake.groups();
        Optional<AlertGroups.Held> held = groups.held(id);
        if (held.isEmpty()) {
            return support.ports().store().find(id).map(i -> alreadyDeclared(invocation, i, null))
                    .orElseThrow(() -> noLongerWaiting(id));
        }
        Member caller = invocation.caller();
        TriageDecision mine = new TriageDecision(command.declare(), caller, support.now());
        TriageDecision standing = groups.decide(id, mine).orElseThrow(() -> noLongerWaiting(id));
        // The decider clicking Declare again after their first click failed part way (told to try again):
        // finish their declaration rather than report it "in progress" until the group's next notification,
        // which Alertmanager may send only hours later. Not within a few seconds, which is a double click
        // racing the first.
        boolean retry = standing.declared() && command.declare() && standing.by().sameAs(caller)
                && standing.at().isBefore(support.now().minus(RETRY_AFTER));
        boolean ours = standing.equals(mine) || retry;
        TriagedGroup triage = held.get().triage();
        if (!standing.declared()) {
            Clicked dismissal = new Clicked(new Button(ButtonAction.DISMISS_ALERTS, id), standing.by(), standing.at());
            if (ours) {
                LOG.log(System.Logger.Level.INFO, "Alert group " + triage.group().key() + " (" + triage.group().title()
                        + ") dismissed by " + caller.platform() + ":" + caller.id() + "; nothing declared");
                return Pressed.done(dismissal);
            }
            support.reply(invocation, new Messages.CommandRejected(standing.by().displayName() + " dismissed this alert"
                    + " group already; nothing was declared. To declare it anyway: "
                    + AlertIntake.declareCommand(triage.group(), triage.severity(), triage.service()), null, null));
            return Pressed.decided(dismissal);
        }
        if (!ours) {
            // No setup here: the decider's click is doing it, or (if that replica died) the group's next notification does.
            return support.ports().store().find(id).map(i -> alreadyDeclared(invocation, i, standing))
                    .orElseGet(() -> beingDeclared(invocation, id, standing));
        }
        boolean created = intake.declareTriaged(id, triage, standing);
        support.ports().observer().workingOn(id);
        Incident incident = support.ports().store().find(id)
                .orElseThrow(() -> new IllegalStateException(id + " disappeared from the store"));
        if (!incident.holds(caller, Incident.COMMANDER)) {
            // A rule declared the group meanwhile; its own setup runs unattended.
            return alreadyDeclared(invocation, incident, null);
        }
        declare.setUpFor(id, invocation, !created);
        return Pressed.done(new Clicked(new Button(ButtonAction.DECLARE_ALERTS, id), caller, standing.at()));
    }

    private Pressed beingDeclared(Invocation invocation, IncidentId id, TriageDecision standing) {
        support.reply(invocation, new Messages.CommandRejected(standing.by().displayName() + " is declaring this alert"
                + " group as " + id + " right now; its channel follows in a moment.", null, null));
        return Pressed.decided(new Clicked(new Button(ButtonAction.DECLARE_ALERTS, id), standing.by(), standing.at()));
    }

    /** The clicker hears who declared it and where to follow; the message shows that declaration. */
    private Pressed alreadyDeclared(Invocation invocation, Incident incident, @org.jspecify.annotations.Nullable TriageDecision by) {
        Member who = by != null ? by.by() : incident.commander().orElse(Member.SITREP);
        ChannelRef channel = incident.channelOn(invocation.platform())
                .orElse(incident.channels().values().stream().findFirst().orElse(null));
        support.reply(invocation, new Messages.CommandAccepted(incident.id() + " was already declared from this alert"
                + " group by " + who.displayName() + ".", incident, channel));
        return Pressed.decided(new Clicked(new Button(ButtonAction.DECLARE_ALERTS, incident.id()), who,
                by != null ? by.at() : incident.declaredAt()));
    }

    private Rejected noLongerWaiting(IncidentId id) {
        return new Rejected("This alert group is no longer waiting for triage: nothing was heard of it for "
                + dev.sitrep.commands.DurationText.format(intake.window()) + ", so it was let go (" + id + " was never declared). If it still"
                + " fires, its next notification is posted here again; to declare an incident now, use /incident start.",
                Verb.START);
    }
}
