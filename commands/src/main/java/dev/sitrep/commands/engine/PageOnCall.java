package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.PageLog;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.service.Service;

/**
 * {@code page <service>}: the commander (or an update role) pages a service's on-call by hand. The
 * page goes through the outbox like any other; the answer says what the pager made of it, in its
 * own words when it refused.
 */
final class PageOnCall implements CommandHandler<Command.PageService> {

    private final HandlerSupport support;

    PageOnCall(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.PageService command, Invocation invocation) {
        Service service = support.service(command.service(), Verb.PAGE);
        Incident incident = support.openIncidentOf(invocation, Verb.PAGE);
        support.apply(invocation, incident.id(), current -> {
            support.requireLead(current, invocation.caller(), "page on-call", Verb.PAGE);
            return ServiceEffects.page(dev.sitrep.commands.port.Change.of(current, current), service,
                    "paged by " + invocation.caller().displayName(), support.now());
        });
        // The outbox ran right after the commit: the page is paged, refused, or waiting for the next tick.
        Incident after = support.ports().store().find(incident.id()).orElse(incident);
        PageLog page = after.page(service.name()).orElseThrow();
        String text = switch (page.state()) {
            case PAGED -> "Paged " + service.name() + " on-call" + (page.via() == null ? "" : " (" + page.via() + ")") + ".";
            case FAILED -> "Could not page " + service.name() + " on-call: " + page.problem()
                    + ". It is on the timeline; fix that and run /incident page " + service.name() + " again.";
            default -> "The page to " + service.name() + " on-call is recorded but the pager has not taken it yet;"
                    + " sitrep keeps trying.";
        };
        support.reply(invocation, new Messages.CommandAccepted(text, after));
    }
}
