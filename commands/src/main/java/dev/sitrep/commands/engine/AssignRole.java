package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;

/** {@code role} and {@code commander}: only the commander (or an admin) hands over command. */
final class AssignRole implements CommandHandler<Command.AssignRole> {

    private final HandlerSupport support;

    AssignRole(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.AssignRole command, Invocation invocation) {
        String role = command.role();
        Verb verb = role.equals(Incident.COMMANDER) ? Verb.COMMANDER : Verb.ROLE;
        if (!support.settings().roles().contains(role)) {
            throw new Rejected("There is no role '" + role + "'; the roles are "
                    + String.join(", ", support.settings().roles()) + ".", verb);
        }
        Incident incident = support.openIncidentOf(invocation, verb);
        Member caller = invocation.caller();
        Member member = support.member(invocation, command.member().key(), command.member().raw(), verb);
        support.apply(invocation, incident.id(), current -> {
            if (role.equals(Incident.COMMANDER)) {
                support.requireCommander(current, caller, "hand over command of", verb);
            } else if (!member.sameAs(caller)) {
                support.requireCommander(current, caller, "assign roles in", verb);
            }
            if (current.holds(member, role)) {
                throw new Rejected(member.displayName() + " is already " + role + " of " + current.id() + ".", verb);
            }
            // sitrep holds command of an alert-declared incident until a person takes it: nobody to name as "was".
            Member previous = current.holderOf(role).filter(Member::isPerson).orElse(null);
            Incident after = current.withRole(role, member, support.now());
            String was = previous == null ? "" : " (was " + previous.displayName() + ")";
            Change change = Change.of(current, after)
                    .record(support.entry(caller, TimelineEntry.Kind.ROLE, member.displayName() + " is " + role + was))
                    .effects(Effects.invite(after, member, invocation.platform()))
                    .effects(Effects.post(after, new Messages.RoleAssigned(after, role, member, previous, caller)));
            return role.equals(Incident.COMMANDER)
                    ? change.effects(Effects.topic(after)).effects(Effects.commanderChanged(after, previous, member))
                    : change;
        });
    }
}
