package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;

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
        Member[] previous = new Member[1];
        Incident updated = support.modify(incident.id(), current -> {
            if (role.equals(Incident.COMMANDER)) {
                support.requireCommander(current, caller, "hand over command of", verb);
            } else if (!member.sameAs(caller)) {
                support.requireCommander(current, caller, "assign roles in", verb);
            }
            if (current.holds(member, role)) {
                throw new Rejected(member.displayName() + " is already " + role + " of " + current.id() + ".", verb);
            }
            previous[0] = current.holderOf(role).orElse(null);
            return current.withRole(role, member);
        });
        String was = previous[0] == null ? "" : " (was " + previous[0].displayName() + ")";
        support.record(updated, caller, TimelineEntry.Kind.ROLE, member.displayName() + " is " + role + was);
        support.inviteEverywhere(updated, member, invocation.platform());
        support.postInChannels(invocation, updated, new Messages.RoleAssigned(updated, role, member, previous[0], caller));
        if (role.equals(Incident.COMMANDER)) {
            support.refreshTopic(updated);
            support.commanderChanged(updated, previous[0], member);
        }
    }
}
